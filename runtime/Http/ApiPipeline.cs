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
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    /// <summary><c>Telnyx.Sip.Generator/0.1.0 (.NET 8.0.11; Ubuntu 24.04.1 LTS)</c>.</summary>
    private static readonly string BaseUserAgent =
        $"Telnyx.Sip.Generator/{typeof(ApiPipeline).Assembly.GetName().Version?.ToString(3) ?? "0"} " +
        $"({UserAgentComment(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription)}; " +
        $"{UserAgentComment(System.Runtime.InteropServices.RuntimeInformation.OSDescription)})";

    private readonly ResolvedOptions _options;
    private readonly HttpClient _http;
    private readonly string _userAgent;
    private readonly ClientDiagnostics _diagnostics;
    private readonly ILogger? _logger;
    private readonly BodyRedaction? _bodies;

    /// <summary>Creates the pipeline of a client whose spec has no security and names no environment variable.</summary>
    /// <param name="options">The client's options; null for the defaults only.</param>
    /// <param name="defaultBaseUrl">The base URL the spec names, used when the options set none.</param>
    public ApiPipeline(TelnyxClientOptions? options, string? defaultBaseUrl = null)
        : this(options, defaultBaseUrl, null, ApiAuthentication.None)
    {
    }

    /// <summary>Creates the pipeline, resolving options from the environment variables the spec names and the defaults.</summary>
    /// <param name="options">The client's options; null for the environment and defaults only.</param>
    /// <param name="defaultBaseUrl">The base URL the spec names, used when neither the options nor the environment set one.</param>
    /// <param name="baseUrlVariable">The environment variable the spec names for the base URL; null for none.</param>
    /// <param name="authentication">How the spec says requests authenticate.</param>
    /// <param name="clientNamespace">The generated client's namespace: the name of its ActivitySource, Meter and log category.</param>
    /// <param name="secretMembers">JSON member names the spec marks secret (<c>writeOnly</c>, <c>format: password</c>), redacted in logged bodies.</param>
    public ApiPipeline(TelnyxClientOptions? options, string? defaultBaseUrl, string? baseUrlVariable, ApiAuthentication authentication,
        string? clientNamespace = null, string[]? secretMembers = null)
    {
        _options = (options ?? new TelnyxClientOptions()).Resolve(defaultBaseUrl, baseUrlVariable, authentication);
        _http = _options.HttpClient ?? SharedClient.Value;
        string? applicationId = options?.ApplicationId;
        if (!string.IsNullOrWhiteSpace(applicationId))
        {
            HeaderGuard.EnsureValid("User-Agent", applicationId);
        }

        _userAgent = string.IsNullOrWhiteSpace(applicationId) ? BaseUserAgent : BaseUserAgent + " " + applicationId.Trim();
        string name = clientNamespace ?? "Telnyx.Sip";
        _diagnostics = ClientDiagnostics.For(name);
        ILogger? configured = options?.LoggerFactory?.CreateLogger(name);
        _logger = configured ?? EnvironmentLog.Create(name);
        bool logBodies = configured is not null ? options!.LogBodies : options?.LogBodies == true || _logger?.IsEnabled(LogLevel.Debug) == true;
        _bodies = _logger is not null && logBodies ? new BodyRedaction(secretMembers ?? [], _options.Credentials.Values) : null;
    }

    /// <summary>The base URL every request path is relative to.</summary>
    public Uri BaseUrl => _options.BaseUrl;

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
            catch (TelnyxSerializationException error)
            {
                throw error.Under(".data");
            }
        }

        throw new TelnyxSerializationException("The response has no 'data' member", "$");
    };

    private async Task<(HttpResponseMessage Response, byte[] Body)> SendCoreAsync(ApiRequest request, RequestOptions? options,
        CancellationToken cancellationToken, bool readBody = true)
    {
        int maxRetries = options?.MaxRetries ?? _options.MaxRetries;
        TimeSpan timeout = options?.Timeout ?? _options.Timeout;
        byte[]? body = request.Body is null ? null : SerializeBody(request.Body);
        var uri = new Uri(request.Query.Count == 0
            ? _options.BaseUrl.AbsoluteUri + request.Path
            : _options.BaseUrl.AbsoluteUri + request.Path + "?" + request.Query);

        // A POST may create something each time it is applied: without an idempotency key it is retried only when
        // the failure shows the server did not apply it.
        bool safeToResend = request.Method != HttpMethod.Post || options?.IdempotencyKey is not null;
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
                    bool retryable = IsRetryable(status) &&
                        (safeToResend || status is 408 or 429 || (status is 502 or 503 && retryAfter is not null));
                    if (!canRetry || !retryable)
                    {
                        if (_bodies is not null)
                        {
                            Log.ResponseBody(_logger!, request.Method.Method, request.PathTemplate, request.OperationId,
                                _bodies.ToLogText(content, response.Content.Headers.ContentType?.MediaType));
                        }

                        string raw = Encoding.UTF8.GetString(content);
                        throw ApiException.Create(status, raw, requestId, response.Headers);
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
                            "Raise TelnyxClientOptions.Timeout or RequestOptions.Timeout if the operation needs longer." +
                            (canRetry ? " " + NotResent(request) : ""), error);
                    }

                    wait = Backoff(attempt);
                    reason = ErrorTypes.Timeout;
                }
                catch (Exception error) when (error is HttpRequestException or IOException)
                {
                    response?.Dispose();
                    bool notSent = error is HttpRequestException
                    {
                        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
                    };
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

    private static string NotResent(ApiRequest request) =>
        $"The {request.Method.Method} was not retried because the server may already have applied it; " +
        "set RequestOptions.IdempotencyKey to make retries safe.";

    private HttpRequestMessage BuildMessage(ApiRequest request, Uri uri, byte[]? body, RequestOptions? options)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        _options.Credentials.Apply(message);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
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

    /// <summary>Keeps a User-Agent comment well formed: no parentheses, no control characters.</summary>
    private static string UserAgentComment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.Trim())
        {
            builder.Append(c is '(' or ')' or '\\' || char.IsControl(c) || c > '~' ? ' ' : c);
        }

        return builder.ToString();
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
}
