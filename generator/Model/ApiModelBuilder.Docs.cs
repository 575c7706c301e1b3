using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Documentation from the spec's descriptions and schema facts.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>
    /// Documentation for a schema or parameter: its description and the facts worth a remark. Without a description
    /// or title of its own, the summary is the one of the schema it refers to (through <c>$ref</c>, a one-part
    /// <c>allOf</c>, or a oneOf/anyOf of one schema and null).
    /// </summary>
    private DocSpec Doc(SpecNode? node, SpecNode? schema = null)
    {
        if (node is null)
        {
            return DocSpec.None;
        }

        // A blank description is no description: the summary falls back, so that every member stays documented.
        string? summary = Text(node, "description") ?? Text(schema, "description") ?? Text(node, "title") ?? Text(schema, "title")
                          ?? ReferencedSummary(node) ?? ReferencedSummary(schema);
        var remarks = new List<string>();
        SpecNode? source = schema ?? node;
        if (SpecDocument.Get(source, "default") is SpecScalar defaultValue && SpecDocument.ScalarText(defaultValue) is { Length: > 0 } text)
        {
            remarks.Add($"Default: `{text}`.");
        }

        string? minimum = SpecDocument.GetString(source, "minimum");
        string? maximum = SpecDocument.GetString(source, "maximum");
        if (minimum is not null || maximum is not null)
        {
            remarks.Add(minimum is not null && maximum is not null ? $"From {minimum} to {maximum}."
                : minimum is not null ? $"At least {minimum}." : $"At most {maximum}.");
        }

        string? minLength = SpecDocument.GetString(source, "minLength");
        string? maxLength = SpecDocument.GetString(source, "maxLength");
        if (minLength is not null || maxLength is not null)
        {
            remarks.Add(minLength is not null && maxLength is not null ? $"{minLength} to {maxLength} characters."
                : minLength is not null ? $"At least {minLength} characters." : $"At most {maxLength} characters.");
        }

        if (SpecDocument.GetString(source, "format") is { } format && format != "date-time")
        {
            remarks.Add($"Format: {format}.");
        }

        if (SpecDocument.GetString(source, "example") is { Length: > 0 } example && example.IndexOf('\n') < 0)
        {
            remarks.Add($"Example: `{example}`.");
        }
        else if (_openApi32 && (FirstExample(node) ?? (schema is null ? null : FirstExample(schema))) is { } first)
        {
            remarks.Add($"Example: `{first.Data}`.");
            if (first.Serialized is not null)
            {
                remarks.Add($"Serialized: `{first.Serialized}`.");
            }
        }

        return new DocSpec(summary, remarks.ToEquatableArray());
    }

    /// <summary>
    /// The first one-line example of a node's <c>examples</c>: an Example Object's <c>dataValue</c> (OpenAPI 3.2) or
    /// <c>value</c>, with its <c>serializedValue</c> (3.2) when it has one; or the first item of a schema's
    /// <c>examples</c> list. Null when there is none that fits on a line. Read for OpenAPI 3.2 documents.
    /// </summary>
    private (string Data, string? Serialized)? FirstExample(SpecNode node)
    {
        switch (SpecDocument.Get(node, "examples"))
        {
            case SpecSequence list when list.Children.Count > 0:
                return OneLine(SpecDocument.ScalarText(list.Children[0])) is { } item ? (item, null) : null;
            case SpecMap map when map.Members.Count > 0:
                SpecNode? example = Deref(map.Members[0].Value, report: false);
                string? serialized = OneLine(SpecDocument.GetString(example, "serializedValue"));
                string? data = OneLine(SpecDocument.GetString(example, "dataValue") ?? SpecDocument.GetString(example, "value"));
                return data is not null ? (data, serialized) : serialized is not null ? (serialized, null) : null;
            default:
                return null;
        }

        static string? OneLine(string? text) => text is { Length: > 0 } && text.IndexOf('\n') < 0 ? text : null;
    }

    /// <summary>The description or title of the schema a wrapper refers to, following a few levels of wrapping.</summary>
    private string? ReferencedSummary(SpecNode? node)
    {
        for (int depth = 0; node is not null && depth < 8; depth++)
        {
            node = Deref(node, report: false);
            if ((Text(node, "description") ?? Text(node, "title")) is { } text)
            {
                return text;
            }

            if (SpecDocument.Get(node, "properties") is not null)
            {
                return null;
            }

            var variants = (SpecDocument.GetSequence(node, "oneOf") ?? SpecDocument.GetSequence(node, "anyOf"))?.Children
                .Where(v => !Types(v).SequenceEqual(new[] { "null" })).ToList();
            node = SpecDocument.GetSequence(node, "allOf") is { Children.Count: 1 } single ? single.Children[0]
                : variants is { Count: 1 } ? variants[0] : null;
        }

        return null;
    }

    /// <summary>A prose member's text; null when absent or blank.</summary>
    private static string? Text(SpecNode? node, string key) =>
        SpecDocument.GetString(node, key) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
