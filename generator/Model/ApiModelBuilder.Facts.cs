using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>
/// What the generator reads from a spec, as plain lines, for tests that compare it with another reader (Microsoft.OpenApi):
/// operations, their parameters and media types, the members of component schemas with their required and nullable
/// flags (allOf flattened, as models are), and enum values. Made with the same functions that build the model.
/// </summary>
internal sealed record SpecFacts(
    IReadOnlyList<string> Operations, IReadOnlyList<string> Parameters, IReadOnlyList<string> MediaTypes,
    IReadOnlyList<string> Members, IReadOnlyList<string> Enums);

internal sealed partial class ApiModelBuilder
{
    /// <summary>The facts of a spec as the generator reads them; null when it cannot be read (its diagnostics say why).</summary>
    public static SpecFacts? ReadFacts(SpecInput input, CancellationToken cancellationToken)
    {
        SpecDocument? document = SpecDocument.Parse(input.Text, out _, out _, out _, out _, cancellationToken);
        if (document is null || SpecDocument.GetString(document.Root, "openapi") is not { } version)
        {
            return null;
        }

        var builder = new ApiModelBuilder(input, document, cancellationToken) { _openApi32 = version.StartsWith("3.2", StringComparison.Ordinal) };
        return builder.Facts();
    }

    private SpecFacts Facts()
    {
        var operations = new List<string>();
        var parameters = new List<string>();
        var media = new List<string>();
        foreach (RawOperation raw in CollectOperations())
        {
            string at = raw.WireMethod + " " + raw.Path;
            operations.Add(at + " " + (SpecDocument.GetString(raw.Node, "operationId") ?? "-"));
            foreach (var parameter in MergedParameters(raw))
            {
                string style = SpecDocument.GetString(parameter.Node, "style") ?? (parameter.In is "query" or "cookie" ? "form" : parameter.In is "querystring" ? "-" : "simple");
                parameters.Add($"{at} {parameter.In} {parameter.Name} required={Flag(SpecDocument.GetBool(parameter.Node, "required"))} style={style}");
            }

            foreach (var type in SpecDocument.Members(SpecDocument.Get(Deref(SpecDocument.Get(raw.Node, "requestBody"), report: false), "content")))
            {
                media.Add($"{at} request {type.Key}");
            }

            foreach (var response in SpecDocument.Members(SpecDocument.Get(raw.Node, "responses")))
            {
                foreach (var type in SpecDocument.Members(SpecDocument.Get(Deref(response.Value, report: false), "content")))
                {
                    media.Add($"{at} response {response.Key} {type.Key}");
                }
            }
        }

        var members = new List<string>();
        var enums = new List<string>();
        foreach (var component in SpecDocument.Members(SpecDocument.Get(SpecDocument.Get(_document.Root, "components"), "schemas")))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (Deref(component.Value, report: false) is not { } schema)
            {
                continue;
            }

            AddEnum(component.Key, schema);
            var required = new HashSet<string>(StringComparer.Ordinal);
            var collected = new List<KeyValuePair<string, SpecNode>>();
            CollectMembers(schema, required, collected, new HashSet<SpecNode>(ReferenceEqualityComparer.Instance));
            foreach (var member in collected)
            {
                SpecNode? memberSchema = Deref(member.Value, report: false);
                bool nullable = IsNullableSchema(memberSchema) || IsNullableSchema(member.Value);
                members.Add($"{component.Key}.{member.Key} required={Flag(required.Contains(member.Key))} nullable={Flag(nullable)}");
                if (SpecDocument.Get(member.Value, "$ref") is null)
                {
                    AddEnum(component.Key + "." + member.Key, memberSchema);
                }
            }
        }

        return new SpecFacts(operations, parameters, media, members, enums);

        void AddEnum(string name, SpecNode? schema)
        {
            if (SpecDocument.GetSequence(schema, "enum") is { } values)
            {
                enums.Add(name + ": " + string.Join("|", values.Children.Select(v => SpecDocument.IsNull(v) ? "null" : SpecDocument.ScalarText(v) ?? "?")));
            }
        }

        static string Flag(bool value) => value ? "yes" : "no";
    }
}
