using System;
using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Sends the requests of a generated client: adds authentication and headers, applies the per-attempt timeout,
/// retries what is worth retrying, and turns responses into values or typed exceptions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ApiPipeline
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(
#if NET8_0_OR_GREATER
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        }
#else
        new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate }
#endif
    )
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    /// <summary><c>Telnyx.Sip.Runtime/0.1.0 (.NET 8.0.11; Ubuntu 24.04.1 LTS)</c>: the runtime, the framework and the OS.</summary>
    private static readonly string RuntimeUserAgent =
        $"Telnyx.Sip.Runtime/{typeof(ApiPipeline).Assembly.GetName().Version?.ToString(3) ?? "0"} " +
        $"({UserAgentComment(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription)}; " +
        $"{UserAgentComment(System.Runtime.InteropServices.RuntimeInformation.OSDescription)})";

    private readonly ApiDescriptor _api;
    private readonly ResolvedOptions _options;
    private readonly HttpClient _http;
    private readonly string _userAgent;
    private readonly ClientDiagnostics _diagnostics;
    private readonly ILogger? _logger;
    private readonly BodyRedaction? _bodies;

    /// <summary>Creates the pipeline of a generated client, resolving its options from the environment variables its spec names and the spec's server.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="api">What the client's spec says: names, server, environment variables, security.</param>
    public ApiPipeline(ClientOptions options, ApiDescriptor api)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options.Resolve(api);
        _http = _options.HttpClient ?? SharedClient.Value;
        string? applicationId = options.ApplicationId is { } id && !string.IsNullOrWhiteSpace(id) ? id : null;
        if (applicationId is not null)
        {
            HeaderGuard.EnsureValid("User-Agent", applicationId);
        }

        string product = ProductToken(api.Title ?? api.Namespace, "api") + "/" + ProductToken(api.Version ?? "0", "0");
        _userAgent = product + " " + RuntimeUserAgent + (applicationId is null ? "" : " " + applicationId.Trim());
        _diagnostics = ClientDiagnostics.For(api.Namespace);
        ILogger? configured = options.LoggerFactory?.CreateLogger(api.Namespace);
        _logger = configured ?? EnvironmentLog.Create(api.Namespace, api.LogVariable);
        bool logBodies = configured is not null ? options.LogBodies : options.LogBodies || _logger?.IsEnabled(LogLevel.Debug) == true;
        _bodies = _logger is not null && logBodies ? new BodyRedaction(api.SecretMembers, _options.Credentials.Values) : null;
    }

    /// <summary>The base URL every request path is relative to; null when neither the options, the environment nor the spec give one.</summary>
    public Uri? BaseUrl => _options.BaseUrl;

    /// <summary>Sends a request whose response body is ignored.</summary>
    public async Task<ApiResponse> SendAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        (HttpResponseMessage response, byte[] body) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return new ApiResponse((int)response.StatusCode, response.Headers, response.Content.Headers, body);
        }
    }

    /// <summary>Sends a request whose response body is not JSON and returns the body as a stream, unread.</summary>
    public async Task<ApiStreamResponse> SendStreamAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = (await SendCoreAsync(request, options, cancellationToken, readBody: false).ConfigureAwait(false)).Response;
        try
        {
            return new ApiStreamResponse(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends a request whose response is a stream of items (server-sent events, JSON Lines, NDJSON, JSON text sequences)
    /// and returns once the headers are in. Retries and the timeout apply to the wait for the headers only; the items
    /// are read as the caller enumerates them, and <paramref name="cancellationToken"/> also cancels that reading.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="format">How the items are framed.</param>
    /// <param name="readItem">Reads one item.</param>
    /// <param name="eventTypes">The server-sent event types that carry items; null for every type.</param>
    /// <param name="options">Per-call options.</param>
    /// <param name="cancellationToken">Cancels the call and the reading of its items.</param>
    public async Task<ApiItemStream<T>> SendItemStreamAsync<T>(ApiRequest request, ItemStreamFormat format, JsonReadFunc<T> readItem,
        string[]? eventTypes, RequestOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readItem);
        HttpResponseMessage response = (await SendCoreAsync(request, options, cancellationToken, readBody: false).ConfigureAwait(false)).Response;
        try
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (format == ItemStreamFormat.ServerSentEvents && mediaType is not null &&
                (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                // A JSON body where events were asked for: the API chose not to stream (some choose by a request member).
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                throw new ApiSerializationException(
                    $"The server answered with {mediaType} rather than text/event-stream; the API may need the request to ask for a stream (for example with a 'stream' member set to true)", "$")
                {
                    RawBody = Encoding.UTF8.GetString(body),
                };
            }

            Stream content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ApiItemStream<T>(response, content, format, readItem, eventTypes, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and reads its JSON body; with <paramref name="unwrapData"/>, the value of its <c>data</c> member.</summary>
    public async Task<ApiResponse<T>> SendAsync<T>(ApiRequest request, JsonReadFunc<T> read, bool unwrapData,
        RequestOptions? options, CancellationToken cancellationToken)
    {
        (HttpResponseMessage response, byte[] body) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            T value = JsonModel.Read(body, unwrapData ? ReadData(read) : read);
            return new ApiResponse<T>((int)response.StatusCode, response.Headers, value, response.Content.Headers, body);
        }
    }

    /// <summary>Sends a request for one page of a list and reads its <c>data</c> and <c>meta</c> members.</summary>
    public async Task<Page<T>> SendPageAsync<T>(ApiRequest request, JsonReadFunc<T> readItem,
        RequestOptions? options, CancellationToken cancellationToken)
    {
        (HttpResponseMessage response, byte[] body) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            PageBody<T> page = JsonModel.Read(body, (ref Utf8JsonReader reader) => PageBody<T>.Read(ref reader, readItem));
            return new Page<T>(page.Items, page.Meta, new ApiResponse((int)response.StatusCode, response.Headers, response.Content.Headers, ReadOnlyMemory<byte>.Empty));
        }
    }

    private static JsonReadFunc<T> ReadData<T>(JsonReadFunc<T> read) => (ref Utf8JsonReader reader) =>
    {
        JsonRead.ExpectObject(ref reader, "response");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isData = reader.ValueTextEquals("data"u8);
            reader.Read();
            if (!isData)
            {
                reader.Skip();
                continue;
            }

            try
            {
                T value = read(ref reader);
                if (value is GeneratedModel { HasReadIssues: true } model)
                {
                    model.Locate("$.data", null);
                }

                return value;
            }
            catch (ApiSerializationException error)
            {
                throw error.Under(".data");
            }
        }

        throw new ApiSerializationException("The response has no 'data' member", "$");
    };

    private async Task<(HttpResponseMessage Response, byte[] Body)> SendCoreAsync(ApiRequest request, RequestOptions? options,
        CancellationToken cancellationToken, bool readBody = true)
    {
        Uri baseUrl = _options.BaseUrl ?? throw new ApiClientException(
            $"No base URL: the spec names no absolute server URL, so {_api.OptionsName}.BaseUrl must be set" +
            (_api.BaseUrlVariable is null ? "" : $" (or the {_api.BaseUrlVariable} environment variable)") + " before a request is sent.");
        int maxRetries = options?.MaxRetries ?? _options.MaxRetries;
        TimeSpan timeout = options?.Timeout ?? _options.Timeout;
        byte[]? body = request.Body is null ? null : SerializeBody(request.Body);
        var uri = new Uri(request.Query.Count == 0
            ? baseUrl.AbsoluteUri + request.Path
            : baseUrl.AbsoluteUri + request.Path + "?" + request.Query);

        // A POST may create something each time it is applied, and so may a method HTTP does not define (an OpenAPI 3.2
        // additional operation): without an idempotency key it is retried only when the failure shows the server did not apply it.
        bool safeToResend = IsResendable(request.Method) || options?.IdempotencyKey is not null;
        long started = Stopwatch.GetTimestamp();
        Activity? activity = _diagnostics.Source.HasListeners() ? StartActivity(request) : null;
        if (_bodies is not null && body is not null)
        {
            Log.RequestBody(_logger!, request.Method.Method, request.PathTemplate, request.OperationId, _bodies.ToLogText(body, "application/json"));
        }

        int attempt = 0;
        try
        {
            for (; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool canRetry = attempt < maxRetries && request.CanRetry;
                using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
                {
                    attemptCancellation.CancelAfter(timeout);
                }

                if (_logger is not null)
                {
                    Log.Attempt(_logger, request.Method.Method, request.PathTemplate, request.OperationId, attempt + 1);
                }

                HttpResponseMessage? response = null;
                TimeSpan wait;
                string reason;
                string? requestId = null;
                try
                {
                    using HttpRequestMessage message = BuildMessage(request, uri, body, options);
                    message.Content ??= request.Content?.Invoke();
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false);
                    int status = (int)response.StatusCode;
                    if (!readBody && status is >= 200 and <= 299)
                    {
                        // The caller reads the body as a stream, after this attempt's timeout is gone.
                        Succeeded(request, activity, started, attempt, response, Array.Empty<byte>());
                        return (response, Array.Empty<byte>());
                    }

                    byte[] content = await response.Content.ReadAsByteArrayAsync(attemptCancellation.Token).ConfigureAwait(false);
                    if (status is >= 200 and <= 299)
                    {
                        Succeeded(request, activity, started, attempt, response, content);
                        return (response, content);
                    }

                    requestId = ApiPipelineHeaders.RequestId(response.Headers);
                    TimeSpan? retryAfter = RetryAfter(response.Headers);
                    bool policyAllows = safeToResend || status is 408 or 429 || (status is 502 or 503 && retryAfter is not null);
                    bool retryable = IsRetryable(status) && policyAllows;
                    if (!canRetry || !retryable)
                    {
                        if (_bodies is not null)
                        {
                            Log.ResponseBody(_logger!, request.Method.Method, request.PathTemplate, request.OperationId,
                                _bodies.ToLogText(content, response.Content.Headers.ContentType?.MediaType));
                        }

                        string note = IsRetryable(status)
                            ? NotRetriedNote(request, status, attempt, maxRetries, policyAllows)
                            : attempt == 0 ? "" : $"{attempt + 1} attempts were made.";
                        throw StatusError(request, status, content, requestId, response.Headers, note);
                    }

                    wait = retryAfter ?? Backoff(attempt);
                    reason = status.ToString(CultureInfo.InvariantCulture);
                }
                catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    if (!canRetry || !safeToResend)
                    {
                        throw new ApiTimeoutException(
                            $"The request timed out after {attempt + 1} attempt(s) of {timeout.TotalSeconds:0.###} s each. " +
                            $"Raise {_api.OptionsName}.Timeout or RequestOptions.Timeout if the operation needs longer." +
                            (canRetry ? " " + NotResent(request) : ""), error);
                    }

                    wait = Backoff(attempt);
                    reason = ErrorTypes.Timeout;
                }
                catch (Exception error) when (error is HttpRequestException or IOException)
                {
                    response?.Dispose();
#if NET8_0_OR_GREATER
                    bool notSent = error is HttpRequestException
                    {
                        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
                    };
#else
                    // Older HttpClients do not say whether the request left: only a request safe to resend is retried.
                    bool notSent = false;
#endif
                    if (!canRetry || !(safeToResend || notSent))
                    {
                        throw new ApiConnectionException(
                            $"The request failed after {attempt + 1} attempt(s): {error.Message}" +
                            (canRetry ? " " + NotResent(request) : ""), error);
                    }

                    wait = Backoff(attempt);
                    reason = ErrorTypes.Connection;
                }
                catch
                {
                    response?.Dispose();
                    throw;
                }

                // A failed attempt's response is disposed before the next attempt starts.
                response?.Dispose();
                Retrying(request, attempt, reason, requestId, wait);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (Failed(request, activity, started, attempt, error))
        {
            throw; // Unreachable: Failed records the outcome and returns false, so the exception flows on untouched.
        }
    }

    /// <summary>Why a status that a retry could have cured ends the call: the policy, the body, or the retries ran out.</summary>
    private string NotRetriedNote(ApiRequest request, int status, int attempt, int maxRetries, bool policyAllows)
    {
        string attempts = attempt == 0 ? "" : $"{attempt + 1} attempts were made. ";
        if (!policyAllows)
        {
            string why = status is 502 or 503 ? $"{status} without Retry-After" : status.ToString(CultureInfo.InvariantCulture);
            return attempts + $"A {why} could be cured by a retry, but " + NotResent(request);
        }

        if (!request.CanRetry)
        {
            return attempts + "Not retried: the request body is a stream that cannot be sent twice.";
        }

        return maxRetries == 0
            ? $"Not retried: retries are off ({_api.OptionsName}.MaxRetries or RequestOptions.MaxRetries is 0)."
            : $"The request failed after {attempt + 1} attempts ({maxRetries} retries, the most {_api.OptionsName}.MaxRetries or RequestOptions.MaxRetries allows).";
    }

    /// <summary>The exception for an error status: the API's own words, the body as the spec's type, credentials removed.</summary>
    private ApiException StatusError(ApiRequest request, int status, byte[] content, string? requestId, HttpResponseHeaders headers, string note)
    {
        string raw = Encoding.UTF8.GetString(content);
        string redacted = BodyRedaction.WithoutCredentials(raw, _options.Credentials.Values);
        object? body = null;
        if (request.ReadError is { } readError && content.Length > 0)
        {
            byte[] bytes = ReferenceEquals(raw, redacted) || raw == redacted ? content : Encoding.UTF8.GetBytes(redacted);
            try
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                body = reader.Read() ? readError(status, ref reader) : null;
            }
            catch (Exception error) when (error is JsonException or ApiSerializationException or InvalidOperationException or FormatException)
            {
                body = null; // Not the declared shape: the message and RawBody still carry what was received.
            }
        }

        return ApiException.Create(status, redacted, requestId, headers, body, note.Length == 0 ? null : note);
    }

    private static string NotResent(ApiRequest request) =>
        $"The {request.Method.Method} was not retried because the server may already have applied it; " +
        "set RequestOptions.IdempotencyKey to make retries safe.";

    private HttpRequestMessage BuildMessage(ApiRequest request, Uri uri, byte[]? body, RequestOptions? options)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        _options.Credentials.Apply(message);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept ?? "application/json"));
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        foreach (var header in request.Headers ?? [])
        {
            HeaderGuard.EnsureValid(header.Key, header.Value);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (options is not null)
        {
            if (options.IdempotencyKey is { } idempotencyKey)
            {
                HeaderGuard.EnsureValid("Idempotency-Key", idempotencyKey);
                message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            foreach (var header in options.Headers)
            {
                HeaderGuard.EnsureValid(header.Key, header.Value);
                message.Headers.Remove(header.Key);
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return message;
    }

    private static byte[] SerializeBody(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Keeps a User-Agent comment well formed: no parentheses or control characters, single spaces, none at the ends.</summary>
    internal static string UserAgentComment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            char kept = c is '(' or ')' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || c > '~' ? ' ' : c;
            if (kept != ' ' || (builder.Length > 0 && builder[builder.Length - 1] != ' '))
            {
                builder.Append(kept);
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>An RFC 9110 token for a User-Agent product: <c>Telnyx SIP API</c> becomes <c>Telnyx-SIP-API</c>.</summary>
    internal static string ProductToken(string text, string fallback)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            bool token = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (token)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }
        }

        string result = builder.ToString().Trim('-');
        result = result.Length > 64 ? result.Substring(0, 64).TrimEnd('-') : result;
        return result.Length == 0 ? fallback : result;
    }

    /// <summary>408, 409, 429 and 5xx are worth another attempt.</summary>
    internal static bool IsRetryable(int status) => status is 408 or 409 or 429 or >= 500;

    /// <summary>Exponential backoff from 0.5 s to 8 s, with up to 25 % jitter taken off.</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        double seconds = Math.Min(0.5 * Math.Pow(2, attempt), 8.0);
        return TimeSpan.FromSeconds(seconds * (1 - 0.25 * Random.Shared.NextDouble()));
    }

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date; waits longer than a minute are capped.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        TimeSpan? wait = null;
        if (headers.RetryAfter?.Delta is { } delta)
        {
            wait = delta;
        }
        else if (headers.RetryAfter?.Date is { } date)
        {
            wait = date - DateTimeOffset.UtcNow;
        }
        else if (headers.TryGetValues("retry-after-ms", out var values) &&
                 double.TryParse(string.Join("", values), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
        {
            wait = TimeSpan.FromMilliseconds(ms);
        }

        if (wait is null)
        {
            return null;
        }

        return wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait.Value;
    }

    /// <summary>
    /// Whether a request may be sent again after a failure that does not show it was not applied: every method HTTP defines
    /// except POST, and QUERY (safe and idempotent by its definition); not a method unknown to HTTP, whose meaning only the
    /// API knows.
    /// </summary>
    private static bool IsResendable(HttpMethod method) => method.Method switch
    {
        "GET" or "HEAD" or "OPTIONS" or "TRACE" or "PUT" or "DELETE" or "PATCH" or "QUERY" => true,
        _ => false,
    };
}
