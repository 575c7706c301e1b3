using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Settings shared by every call a generated client makes. Each generated client has its own options type deriving
/// from this one (<c>{Client}Options</c>), so that configuring one client in a dependency-injection container never
/// changes another. Unset values fall back to the environment variables the client's spec names (its <c>x-env</c>
/// extensions) and then to the spec's first server; nothing falls back to any particular vendor.
/// </summary>
public abstract class ClientOptions
{
    /// <summary>The number of retries used when <see cref="MaxRetries"/> is not set.</summary>
    public const int DefaultMaxRetries = 2;

    /// <summary>The per-attempt timeout used when <see cref="Timeout"/> is not set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private Dictionary<string, string> _credentials = new(StringComparer.Ordinal);

    /// <summary>Creates options with nothing set.</summary>
    protected ClientOptions()
    {
    }

    /// <summary>
    /// The API key or token, sent as the spec's security schemes say (a bearer token, or an API key in a header or
    /// the query). Defaults to the environment variable the spec names with <c>x-env</c>, if any.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Credentials by security-scheme name (the keys of the spec's <c>securitySchemes</c>), for specs with several
    /// schemes or with HTTP basic (<c>user:password</c>). A value here wins over <see cref="ApiKey"/>.
    /// </summary>
    public IDictionary<string, string> Credentials => _credentials;

    /// <summary>
    /// The API's base URL. Defaults to the environment variable the spec names on its first server (<c>x-env</c>), then
    /// to that server's URL. A spec without an absolute server URL needs this set: its client refuses to send without one.
    /// </summary>
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
    /// Allows sending credentials over plain <c>http://</c> to a host other than loopback. Off by default,
    /// because they would travel unencrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Where the client logs each attempt, retry and failure. When null, a client registered with
    /// <c>Add…Client</c> uses the container's factory; otherwise, when the spec names a logging variable
    /// (<c>x-log-env</c>, such as <c>TELNYX_LOG</c> for the Telnyx SIP spec), <c>info</c> or <c>debug</c> there writes to standard error.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Logs request and response bodies at the Debug level, with the credentials and secret members (passwords, secrets,
    /// tokens, members the spec marks write-only or <c>format: password</c>) replaced by <c>***</c>. Off by default;
    /// the spec's logging variable set to <c>debug</c> turns it on for console logging.
    /// </summary>
    public bool LogBodies { get; set; }

    /// <summary>
    /// Your application's name and version, such as <c>my-app/1.2</c>, appended to the <c>User-Agent</c> header.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// The key webhooks are verified with (<c>client.Webhooks.Unwrap</c>), as the spec's signature scheme needs it: for
    /// Telnyx's Ed25519 headers, the account's base64 public key; for Standard Webhooks, the endpoint's <c>whsec_</c>
    /// secret or a <c>whpk_</c> public key. Defaults to the environment variable the spec names with <c>x-env</c> on its
    /// signature header, if any. Never included in an exception message.
    /// </summary>
    public string? WebhookKey { get; set; }

    /// <summary>
    /// How far a webhook's signed timestamp may be from now, either way, before it is refused as stale. Defaults to
    /// five minutes (<see cref="WebhookSignature.DefaultTolerance"/>).
    /// </summary>
    public TimeSpan? WebhookTolerance { get; set; }

    /// <summary>The clock webhook timestamps are checked against; null for the system clock. Tests set a fake one.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Returns a copy of these options, of the same type, that sends through <paramref name="httpClient"/>.</summary>
    public ClientOptions WithHttpClient(HttpClient httpClient)
    {
        var copy = (ClientOptions)MemberwiseClone();
        copy._credentials = new Dictionary<string, string>(_credentials, StringComparer.Ordinal);
        copy.HttpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        return copy;
    }

    /// <summary>Returns a copy with every unset value resolved from the environment and the defaults.</summary>
    internal ResolvedOptions Resolve(ApiDescriptor api)
    {
        ResolvedCredentials credentials = api.Authentication.Resolve(this, api.OptionsName);
        Uri? baseUrl = BaseUrl ?? FromEnvironment(api.BaseUrlVariable) ?? SpecServer(api.DefaultBaseUrl);
        if (baseUrl is not null)
        {
            if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                throw new ApiClientException($"The base URL '{baseUrl}' must be an absolute http or https URL ({api.OptionsName}.BaseUrl).");
            }

            if (credentials.Any && baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback && !AllowInsecureHttp)
            {
                throw new ApiClientException(
                    $"Refusing to send credentials over plain http to '{baseUrl.Host}'. Use https, or set " +
                    $"{api.OptionsName}.AllowInsecureHttp to true if this is intended.");
            }

            baseUrl = EnsureTrailingSlash(baseUrl);
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

        return new ResolvedOptions(credentials, baseUrl, timeout, maxRetries, HttpClient);

        static Uri? FromEnvironment(string? variable)
        {
            string? value = variable is null ? null : Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);
        }

        // The generator reports a spec whose first server is not an absolute URL; such a client has no default.
        static Uri? SpecServer(string? url) =>
            url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
    }

    private static Uri EnsureTrailingSlash(Uri uri)
    {
        string text = uri.AbsoluteUri;
        return text.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(text + "/");
    }
}

/// <summary>Options after environment variables and defaults have been applied; <see cref="BaseUrl"/> is null when none was given.</summary>
internal sealed record ResolvedOptions(ResolvedCredentials Credentials, Uri? BaseUrl, TimeSpan Timeout, int MaxRetries, HttpClient? HttpClient)
{
    /// <summary>Keeps the credentials out of logs and debugger displays.</summary>
    public override string ToString() =>
        $"ResolvedOptions {{ {Credentials}, BaseUrl = {BaseUrl}, Timeout = {Timeout}, MaxRetries = {MaxRetries} }}";
}
