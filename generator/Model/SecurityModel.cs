using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>How a security scheme sends its credential; mirrors the runtime's <c>SecuritySchemeKind</c>.</summary>
internal enum SecurityKind
{
    Bearer,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
    ApiKeyCookie,
}

/// <summary>One scheme of the spec's <c>securitySchemes</c> that the top-level <c>security</c> names.</summary>
/// <param name="Name">The scheme's key in <c>securitySchemes</c>.</param>
/// <param name="Kind">How the credential is sent.</param>
/// <param name="ParameterName">The header, query or cookie name of an API key.</param>
/// <param name="EnvironmentVariable">The variable named by the scheme's <c>x-env</c> extension; null when the spec names none.</param>
internal sealed record SecuritySchemeSpec(string Name, SecurityKind Kind, string? ParameterName, string? EnvironmentVariable);

/// <summary>
/// The spec's authentication: the schemes and the top-level requirement alternatives (each a set of scheme names
/// sent together; an empty set means anonymous access is allowed). No requirements: the API takes no credential.
/// </summary>
internal sealed record SecuritySpec(EquatableArray<SecuritySchemeSpec> Schemes, EquatableArray<EquatableArray<string>> Requirements)
{
    public static readonly SecuritySpec None = new(EquatableArray<SecuritySchemeSpec>.Empty, EquatableArray<EquatableArray<string>>.Empty);
}

/// <summary>Reads <see cref="SecuritySpec"/> and the base URL's environment variable from a parsed spec.</summary>
internal static class SecurityReader
{
    /// <summary>
    /// The top-level <c>security</c> with the schemes it names. Schemes it names that <c>securitySchemes</c> lacks,
    /// or of a kind no credential can be sent for (mutual TLS), make their alternative unusable and are left out.
    /// </summary>
    public static SecuritySpec Read(SpecDocument document)
    {
        SpecNode? definitions = SpecDocument.Get(SpecDocument.Get(document.Root, "components"), "securitySchemes");
        var schemes = new List<SecuritySchemeSpec>();
        var requirements = new List<EquatableArray<string>>();
        foreach (SpecNode alternative in SpecDocument.GetSequence(document.Root, "security")?.Children ?? Enumerable.Empty<SpecNode>())
        {
            var names = new List<string>();
            bool usable = true;
            foreach (var member in SpecDocument.Members(alternative))
            {
                SecuritySchemeSpec? scheme = schemes.FirstOrDefault(s => s.Name == member.Key) ?? Scheme(document, member.Key, SpecDocument.Get(definitions, member.Key));
                if (scheme is null)
                {
                    usable = false;
                    break;
                }

                if (!schemes.Contains(scheme))
                {
                    schemes.Add(scheme);
                }

                names.Add(scheme.Name);
            }

            if (usable)
            {
                requirements.Add(names.ToEquatableArray());
            }
        }

        return requirements.Count == 0
            ? SecuritySpec.None
            : new SecuritySpec(schemes.Where(s => requirements.Any(r => r.Contains(s.Name))).ToEquatableArray(), requirements.ToEquatableArray());
    }

    /// <summary>The variable named by <c>x-env</c> on the first server: where the base URL may come from.</summary>
    public static string? BaseUrlVariable(SpecDocument document) =>
        EnvironmentVariable(SpecDocument.GetSequence(document.Root, "servers")?.Children.FirstOrDefault());

    /// <summary>The variable named by the top-level <c>x-log-env</c>: setting it to <c>info</c> or <c>debug</c> logs to standard error.</summary>
    public static string? LogVariable(SpecDocument document) => EnvironmentVariable(document.Root, "x-log-env");

    private static SecuritySchemeSpec? Scheme(SpecDocument document, string name, SpecNode? definition)
    {
        if (SpecDocument.GetString(definition, "$ref") is { } reference)
        {
            definition = document.Resolve(reference);
        }

        string? type = SpecDocument.GetString(definition, "type");
        string? parameter = SpecDocument.GetString(definition, "name");
        SecurityKind? kind = type switch
        {
            "http" when string.Equals(SpecDocument.GetString(definition, "scheme"), "basic", StringComparison.OrdinalIgnoreCase) => SecurityKind.Basic,
            "http" when string.Equals(SpecDocument.GetString(definition, "scheme"), "bearer", StringComparison.OrdinalIgnoreCase) => SecurityKind.Bearer,
            "oauth2" or "openIdConnect" => SecurityKind.Bearer,
            "apiKey" when parameter is not null => SpecDocument.GetString(definition, "in") switch
            {
                "header" => SecurityKind.ApiKeyHeader,
                "query" => SecurityKind.ApiKeyQuery,
                "cookie" => SecurityKind.ApiKeyCookie,
                _ => null,
            },
            _ => null,
        };
        return kind is { } known ? new SecuritySchemeSpec(name, known, known is SecurityKind.Basic or SecurityKind.Bearer ? null : parameter, EnvironmentVariable(definition)) : null;
    }

    /// <summary>The <c>x-env</c> (or other) extension: an environment variable name, letters, digits and underscores only.</summary>
    private static string? EnvironmentVariable(SpecNode? node, string extension = "x-env") =>
        SpecDocument.GetString(node, extension) is { Length: > 0 } name && name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : null;
}
