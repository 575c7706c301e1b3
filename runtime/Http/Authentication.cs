using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace Telnyx.Sip.Runtime;

/// <summary>How a security scheme of the spec sends its credential.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum SecuritySchemeKind
{
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c> (HTTP bearer, and the access token of OAuth 2 and OpenID Connect).</summary>
    Bearer,

    /// <summary><c>Authorization: Basic &lt;base64(user:password)&gt;</c>; the credential is <c>user:password</c>.</summary>
    Basic,

    /// <summary>An API key in a request header.</summary>
    ApiKeyHeader,

    /// <summary>An API key in the query string.</summary>
    ApiKeyQuery,

    /// <summary>An API key in a cookie.</summary>
    ApiKeyCookie,
}

/// <summary>One security scheme of the spec, as generated code describes it.</summary>
/// <param name="Name">The scheme's name in the spec's <c>securitySchemes</c>; the key of <see cref="ClientOptions.Credentials"/>.</param>
/// <param name="Kind">How the credential is sent.</param>
/// <param name="ParameterName">The header, query parameter or cookie name of an API key; null otherwise.</param>
/// <param name="EnvironmentVariable">The environment variable the spec names for the credential (<c>x-env</c>); null for none.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record SecurityScheme(string Name, SecuritySchemeKind Kind, string? ParameterName, string? EnvironmentVariable)
{
    internal bool TakesApiKey => Kind is not SecuritySchemeKind.Basic;

    internal string Describe() => Kind switch
    {
        SecuritySchemeKind.Bearer => $"'{Name}' (HTTP bearer)",
        SecuritySchemeKind.Basic => $"'{Name}' (HTTP basic, as user:password)",
        SecuritySchemeKind.ApiKeyHeader => $"'{Name}' (API key in the {ParameterName} header)",
        SecuritySchemeKind.ApiKeyQuery => $"'{Name}' (API key in the {ParameterName} query parameter)",
        _ => $"'{Name}' (API key in the {ParameterName} cookie)",
    };
}

/// <summary>
/// How a generated client authenticates, taken from the spec's <c>securitySchemes</c> and top-level <c>security</c>:
/// a list of alternatives, each a set of schemes sent together. An empty alternative means no credential is needed;
/// no alternatives at all means the API takes none.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiAuthentication
{
    /// <summary>An API without security: nothing is sent and no credential is read.</summary>
    public static readonly ApiAuthentication None = new(Array.Empty<SecurityScheme>(), Array.Empty<string[]>());

    /// <summary>Creates the description.</summary>
    /// <param name="schemes">The schemes the requirements name.</param>
    /// <param name="requirements">The alternatives, in the spec's order: each the names of the schemes sent together.</param>
    public ApiAuthentication(IReadOnlyList<SecurityScheme> schemes, IReadOnlyList<string[]> requirements)
    {
        Schemes = schemes ?? throw new ArgumentNullException(nameof(schemes));
        Requirements = requirements ?? throw new ArgumentNullException(nameof(requirements));
    }

    /// <summary>The schemes.</summary>
    public IReadOnlyList<SecurityScheme> Schemes { get; }

    /// <summary>The alternatives.</summary>
    public IReadOnlyList<string[]> Requirements { get; }

    /// <summary>
    /// Chooses the first alternative whose every credential is known (from <see cref="ClientOptions.Credentials"/>,
    /// then <see cref="ClientOptions.ApiKey"/> for token schemes, then the scheme's environment variable).
    /// </summary>
    internal ResolvedCredentials Resolve(ClientOptions options, string optionsName)
    {
        if (Requirements.Count == 0)
        {
            return ResolvedCredentials.Empty;
        }

        foreach (string[] alternative in Requirements)
        {
            var chosen = new List<(SecurityScheme, string)>(alternative.Length);
            foreach (string name in alternative)
            {
                SecurityScheme? scheme = Find(name);
                string? credential = scheme is null ? null : CredentialFor(scheme, options);
                if (credential is null)
                {
                    chosen = null;
                    break;
                }

                chosen.Add((scheme!, credential));
            }

            if (chosen is not null)
            {
                return new ResolvedCredentials(chosen);
            }
        }

        throw new ApiClientException("No credentials for this API. " + Hint(optionsName));
    }

    private SecurityScheme? Find(string name)
    {
        foreach (SecurityScheme scheme in Schemes)
        {
            if (scheme.Name == name)
            {
                return scheme;
            }
        }

        return null;
    }

    private static string? CredentialFor(SecurityScheme scheme, ClientOptions options)
    {
        if (options.Credentials.TryGetValue(scheme.Name, out string? given) && !string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        if (scheme.TakesApiKey && !string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return options.ApiKey;
        }

        string? fromEnvironment = scheme.EnvironmentVariable is null ? null : Environment.GetEnvironmentVariable(scheme.EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }

    /// <summary>Says where each credential can come from; never a value.</summary>
    private string Hint(string optionsName)
    {
        var parts = new List<string>();
        foreach (SecurityScheme scheme in Schemes)
        {
            string sources = (scheme.TakesApiKey ? $"{optionsName}.ApiKey, " : "") + $"{optionsName}.Credentials[\"{scheme.Name}\"]" +
                (scheme.EnvironmentVariable is null ? "" : $" or the {scheme.EnvironmentVariable} environment variable");
            parts.Add($"{scheme.Describe()}: set {sources}");
        }

        return string.Join("; ", parts) + ".";
    }
}

/// <summary>The credentials chosen for a client, applied to each request. Never prints a value.</summary>
internal sealed class ResolvedCredentials
{
    public static readonly ResolvedCredentials Empty = new(new List<(SecurityScheme, string)>());

    private readonly List<(SecurityScheme Scheme, string Value)> _chosen;
    private readonly AuthenticationHeaderValue? _authorization;

    public ResolvedCredentials(List<(SecurityScheme Scheme, string Value)> chosen)
    {
        _chosen = chosen;
        foreach ((SecurityScheme scheme, string value) in chosen)
        {
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.Bearer:
                    HeaderGuard.EnsureValid("Authorization", value);
                    _authorization = new AuthenticationHeaderValue("Bearer", value);
                    break;
                case SecuritySchemeKind.Basic:
                    HeaderGuard.EnsureValid("Authorization", value);
                    _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
                    break;
                default:
                    HeaderGuard.EnsureValid(scheme.ParameterName ?? scheme.Name, value);
                    break;
            }
        }
    }

    /// <summary>Whether any credential is sent (the plain-http refusal applies only then).</summary>
    public bool Any => _chosen.Count > 0;

    /// <summary>The credential values, for redacting them from logged bodies.</summary>
    public IEnumerable<string> Values
    {
        get
        {
            foreach ((SecurityScheme _, string value) in _chosen)
            {
                yield return value;
            }
        }
    }

    /// <summary>Adds the credentials to a request about to be sent.</summary>
    public void Apply(HttpRequestMessage message)
    {
        if (_authorization is not null)
        {
            message.Headers.Authorization = _authorization;
        }

        foreach ((SecurityScheme scheme, string value) in _chosen)
        {
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKeyHeader:
                    message.Headers.Remove(scheme.ParameterName!);
                    message.Headers.TryAddWithoutValidation(scheme.ParameterName!, value);
                    break;
                case SecuritySchemeKind.ApiKeyCookie:
                    message.Headers.TryAddWithoutValidation("Cookie", $"{scheme.ParameterName}={Uri.EscapeDataString(value)}");
                    break;
                case SecuritySchemeKind.ApiKeyQuery:
                    string uri = message.RequestUri!.AbsoluteUri;
                    string pair = Uri.EscapeDataString(scheme.ParameterName!) + "=" + Uri.EscapeDataString(value);
                    message.RequestUri = new Uri(uri + (uri.Contains('?') ? "&" : "?") + pair);
                    break;
            }
        }
    }

    /// <summary>Names the schemes, never the values.</summary>
    public override string ToString()
    {
        var names = new List<string>(_chosen.Count);
        foreach ((SecurityScheme scheme, _) in _chosen)
        {
            names.Add(scheme.Name + " = ***");
        }

        return "Credentials { " + string.Join(", ", names) + " }";
    }
}
