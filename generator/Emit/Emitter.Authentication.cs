using System.Linq;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>The root client's description of the spec's security, handed to the pipeline.</summary>
    private static void EmitAuthentication(SourceWriter w, SecuritySpec security)
    {
        w.Doc("summary", "How requests authenticate, as the spec's securitySchemes and security say.");
        if (security.Requirements.Count == 0)
        {
            w.Line($"private static readonly {Runtime}.ApiAuthentication Authentication = {Runtime}.ApiAuthentication.None;");
            w.Line();
            return;
        }

        w.Line($"private static readonly {Runtime}.ApiAuthentication Authentication = new(");
        w.Indent();
        w.Line($"new {Runtime}.SecurityScheme[]");
        w.Line("{");
        w.Indent();
        foreach (SecuritySchemeSpec scheme in security.Schemes)
        {
            w.Line($"new({Literal(scheme.Name)}, {Runtime}.SecuritySchemeKind.{scheme.Kind}, " +
                $"{(scheme.ParameterName is null ? "null" : Literal(scheme.ParameterName))}, " +
                $"{(scheme.EnvironmentVariable is null ? "null" : Literal(scheme.EnvironmentVariable))}),");
        }

        w.Outdent();
        w.Line("},");
        w.Line("new string[][]");
        w.Line("{");
        w.Indent();
        foreach (EquatableArray<string> alternative in security.Requirements)
        {
            w.Line(alternative.Count == 0 ? "global::System.Array.Empty<string>()," : $"new[] {{ {string.Join(", ", alternative.Select(Literal))} }},");
        }

        w.Outdent();
        w.Line("});");
        w.Outdent();
        w.Line();
    }

    /// <summary>Says in the root client's remarks where credentials and the base URL come from.</summary>
    private static string AuthenticationRemarks(ApiSpec spec, string options)
    {
        string baseUrl = $"The base URL comes from {options}.BaseUrl" +
            (spec.BaseUrlVariable is null ? "" : $", the {spec.BaseUrlVariable} environment variable") +
            (AbsoluteServer(spec) is null ? " (the spec names no absolute server URL: it must be set)." : " or the spec's first server.") +
            (spec.LogVariable is null ? "" : $" Setting the {spec.LogVariable} environment variable to info or debug logs to standard error.");
        SecuritySpec security = spec.Security;
        if (security.Requirements.Count == 0)
        {
            return "The API takes no credentials. " + baseUrl;
        }

        string schemes = string.Join("; ", security.Schemes.Select(s =>
            $"{s.Name} ({Describe(s)}): {options}.Credentials[\"{s.Name}\"]" +
            (s.Kind is SecurityKind.Basic ? "" : $" or {options}.ApiKey") +
            (s.EnvironmentVariable is null ? "" : $", else the {s.EnvironmentVariable} environment variable")));
        return $"Credentials, as the spec's security schemes say: {schemes}. {baseUrl}";

        static string Describe(SecuritySchemeSpec s) => s.Kind switch
        {
            SecurityKind.Bearer => "Authorization: Bearer",
            SecurityKind.Basic => "Authorization: Basic, as user:password",
            SecurityKind.ApiKeyHeader => $"API key in the {s.ParameterName} header",
            SecurityKind.ApiKeyQuery => $"API key in the {s.ParameterName} query parameter",
            _ => $"API key in the {s.ParameterName} cookie",
        };
    }
}
