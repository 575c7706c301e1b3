using System.Collections.Generic;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Documentation from the spec's descriptions and schema facts.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>Documentation for a schema or parameter: its description and the facts worth a remark.</summary>
    private static DocSpec Doc(SpecNode? node, SpecNode? schema = null)
    {
        if (node is null)
        {
            return DocSpec.None;
        }

        string? summary = SpecDocument.GetString(node, "description") ?? SpecDocument.GetString(schema, "description")
                          ?? SpecDocument.GetString(node, "title") ?? SpecDocument.GetString(schema, "title");
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

        return new DocSpec(summary, remarks.ToEquatableArray());
    }
}
