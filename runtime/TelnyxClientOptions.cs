using System;
using System.Net.Http;

namespace Telnyx.Sip;

/// <summary>
/// Settings shared by every call a generated client makes. Unset values fall back to the environment variables the
/// spec names (the Telnyx SIP spec: <c>TELNYX_API_KEY</c>, <c>TELNYX_BASE_URL</c>) and then to the documented defaults.
/// </summary>
public sealed class TelnyxClientOptions
{
    /// <summary>The base URL used when neither <see cref="BaseUrl"/> nor <c>TELNYX_BASE_URL</c> is set.</summary>
    public const string DefaultBaseUrl = "https://api.telnyx.com/v2";

    /// <summary>The number of retries used when <see cref="MaxRetries"/> is not set.</summary>
    public const int DefaultMaxRetries = 2;

    /// <summary>The per-attempt timeout used when <see cref="Timeout"/> is not set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The API key or token, sent as the spec's security schemes say (a bearer token, or an API key in a header or
    /// the query). Defaults to the environment variable the spec names: <c>TELNYX_API_KEY</c> for the Telnyx SIP spec.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Credentials by security-scheme name (the keys of the spec's <c>securitySchemes</c>), for specs with several
    /// schemes or with HTTP basic (<c>user:password</c>). A value here wins over <see cref="ApiKey"/>.
    /// </summary>
    public System.Collections.Generic.IDictionary<string, string> Credentials { get; } =
        new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The API's base URL. Defaults to the environment variable the spec names (<c>TELNYX_BASE_URL</c> for the Telnyx SIP spec), then the spec's first server.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (and retried). Defaults to 60 seconds.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many times a failed attempt is retried. Defaults to 2; 0 turns retries off.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// The <see cref="HttpClient"/> to send requests with. When null, the client uses one shared instance.
    /// The client never disposes an instance it was given.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Allows sending the API key over plain <c>http://</c> to a host other than loopback. Off by default,
    /// because the key would travel unencrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Where the client logs each attempt, retry and failure. When null, a client registered with
    /// <c>Add…Client</c> uses the container's factory; otherwise <c>TELNYX_LOG=info|debug</c> writes to standard error.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Logs request and response bodies at the Debug level, with the API key and secret members (passwords, secrets,
    /// tokens, members the spec marks write-only or <c>format: password</c>) replaced by <c>***</c>. Off by default;
    /// <c>TELNYX_LOG=debug</c> turns it on for console logging.
    /// </summary>
    public bool LogBodies { get; set; }

    /// <summary>
    /// Your application's name and version, such as <c>my-app/1.2</c>, appended to the <c>User-Agent</c> header.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>Returns a copy of these options that sends through <paramref name="httpClient"/>.</summary>
    public TelnyxClientOptions WithHttpClient(HttpClient httpClient)
    {
        var copy = new TelnyxClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = BaseUrl,
            Timeout = Timeout,
            MaxRetries = MaxRetries,
            AllowInsecureHttp = AllowInsecureHttp,
            LoggerFactory = LoggerFactory,
            LogBodies = LogBodies,
            ApplicationId = ApplicationId,
            HttpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient)),
        };
        foreach (var credential in Credentials)
        {
            copy.Credentials[credential.Key] = credential.Value;
        }

        return copy;
    }

    /// <summary>Returns a copy with every unset value resolved from the environment and the defaults.</summary>
    /// <param name="defaultBaseUrl">The spec's first server.</param>
    /// <param name="baseUrlVariable">The environment variable the spec names for the base URL; null for none.</param>
    /// <param name="authentication">The spec's security.</param>
    internal ResolvedOptions Resolve(string? defaultBaseUrl, string? baseUrlVariable, Telnyx.Sip.Runtime.ApiAuthentication authentication)
    {
        Telnyx.Sip.Runtime.ResolvedCredentials credentials = authentication.Resolve(this);
        Uri baseUrl = BaseUrl ?? FromEnvironment(baseUrlVariable) ?? new Uri(defaultBaseUrl ?? DefaultBaseUrl, UriKind.Absolute);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new TelnyxException($"The base URL '{baseUrl}' must be an absolute http or https URL.");
        }

        if (credentials.Any && baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback && !AllowInsecureHttp)
        {
            throw new TelnyxException(
                $"Refusing to send credentials over plain http to '{baseUrl.Host}'. Use https, or set " +
                "TelnyxClientOptions.AllowInsecureHttp to true if this is intended.");
        }

        TimeSpan timeout = Timeout ?? DefaultTimeout;
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), timeout, "The timeout must be positive.");
        }

        int maxRetries = MaxRetries ?? DefaultMaxRetries;
        if (maxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), maxRetries, "MaxRetries cannot be negative.");
        }

        return new ResolvedOptions(credentials, EnsureTrailingSlash(baseUrl), timeout, maxRetries, HttpClient);

        static Uri? FromEnvironment(string? variable)
        {
            string? value = variable is null ? null : Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);
        }
    }

    private static Uri EnsureTrailingSlash(Uri uri)
    {
        string text = uri.AbsoluteUri;
        return text.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(text + "/");
    }
}

/// <summary>Options after environment variables and defaults have been applied.</summary>
internal sealed record ResolvedOptions(Telnyx.Sip.Runtime.ResolvedCredentials Credentials, Uri BaseUrl, TimeSpan Timeout, int MaxRetries, HttpClient? HttpClient)
{
    /// <summary>Keeps the credentials out of logs and debugger displays.</summary>
    public override string ToString() =>
        $"ResolvedOptions {{ {Credentials}, BaseUrl = {BaseUrl}, Timeout = {Timeout}, MaxRetries = {MaxRetries} }}";
}
