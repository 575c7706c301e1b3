using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Error responses: the JSON body each error status (exact, <c>4XX</c>/<c>5XX</c>, <c>default</c>) is read as.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>
    /// The operation's error responses whose JSON body is an object type, most specific first: exact statuses, then
    /// ranges, then <c>default</c>. Their schemas become models like any other, so the exception can carry the body
    /// as the spec's own type.
    /// </summary>
    private EquatableArray<ErrorResponseSpec> BuildErrorResponses(RawOperation raw, string operationName)
    {
        var result = new List<ErrorResponseSpec>();
        foreach (var response in SpecDocument.Members(SpecDocument.Get(raw.Node, "responses")))
        {
            string status = response.Key.ToUpperInvariant();
            ErrorStatus? kind = Classify(status);
            if (kind is null)
            {
                continue;
            }

            SpecNode? json = JsonMedia(SpecDocument.Get(Deref(response.Value), "content"));
            if (SpecDocument.Get(json, "schema") is not { } schema || Deref(schema) is null)
            {
                continue;
            }

            TypeRef type = ResolveType(schema, operationName + "Error" + (kind == ErrorStatus.Default ? "" : status));
            if (type.Kind == TypeKind.Model)
            {
                result.Add(new ErrorResponseSpec(status, kind.Value, type));
            }
        }

        return WithoutRedundantStatuses(result.OrderBy(r => r.Kind).ThenBy(r => r.Status, StringComparer.Ordinal).ToList()).ToEquatableArray();

        static ErrorStatus? Classify(string status) => status switch
        {
            "DEFAULT" => ErrorStatus.Default,
            "4XX" or "5XX" => ErrorStatus.Range,
            { Length: 3 } when (status[0] is '4' or '5') && char.IsDigit(status[1]) && char.IsDigit(status[2]) => ErrorStatus.Exact,
            _ => null,
        };
    }

    /// <summary>
    /// Leaves out a status whose body is read as the <c>default</c> response's type anyway (<c>422</c> and <c>default</c>
    /// both <c>Errors</c>): unless a <c>4XX</c>/<c>5XX</c> range of another type would otherwise take it.
    /// </summary>
    private static List<ErrorResponseSpec> WithoutRedundantStatuses(List<ErrorResponseSpec> responses)
    {
        if (responses.LastOrDefault() is not { Kind: ErrorStatus.Default } fallback)
        {
            return responses;
        }

        return responses.Where(r => r.Kind == ErrorStatus.Default || r.Type.Name != fallback.Type.Name || r.Kind == ErrorStatus.Exact &&
            responses.Any(range => range.Kind == ErrorStatus.Range && range.Status[0] == r.Status[0] && range.Type.Name != fallback.Type.Name)).ToList();
    }

    /// <summary>
    /// The first server's <c>url</c> with its <c>{variables}</c> replaced by their defaults (<c>https://{region}.sentry.io</c>
    /// with <c>region: { default: us }</c> is <c>https://us.sentry.io</c>); null when it has none. A placeholder without a
    /// declared default is left as it is and named in <paramref name="unresolved"/>, so that TSG020 can say why.
    /// </summary>
    private string? ServerUrl(SpecNode? server, out string? unresolved, out List<ServerVariableSpec> used)
    {
        unresolved = null;
        var variables = new List<ServerVariableSpec>();
        used = variables;
        if (SpecDocument.GetString(server, "url") is not { } url)
        {
            return null;
        }

        SpecNode? declared = SpecDocument.Get(server, "variables");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ServerUrlTemplate.Fill(url, name => SpecDocument.GetString(SpecDocument.Get(declared, name), "default"), out unresolved,
            (name, value) =>
            {
                if (seen.Add(name))
                {
                    SpecNode? variable = SpecDocument.Get(declared, name);
                    variables.Add(new ServerVariableSpec(name, value,
                        (SpecDocument.GetSequence(variable, "enum")?.Children ?? []).Select(SpecDocument.ScalarText).OfType<string>().ToEquatableArray(),
                        Text(variable, "description")));
                }
            });
    }

    /// <summary>
    /// Warns when the spec's first server is not an absolute http(s) URL (no <c>servers</c>, or <c>url: /v1</c>, or a
    /// variable without a default): the client then has no base URL of its own and refuses to send until its options
    /// give one. Nothing else is assumed.
    /// </summary>
    private void ReportMissingServer(SpecNode? firstServer, string? url, string? unresolved, string clientName)
    {
        if (unresolved is null && url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) &&
            (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return;
        }

        string found = firstServer is null ? "it has no 'servers'"
            : url is null ? "its first server has no 'url'"
            : unresolved is "" ? $"its first server is '{url}', whose '{{}}' names no variable"
            : unresolved is not null ? $"its first server is '{url}', whose variable '{unresolved}' has no default"
            : $"its first server is '{url}'";
        Report(DiagnosticDescriptors.NoServerUrl, SpecDocument.Get(firstServer, "url") ?? firstServer ?? SpecDocument.Get(_document.Root, "openapi"),
            FileName(_input), found, clientName);
    }
}
