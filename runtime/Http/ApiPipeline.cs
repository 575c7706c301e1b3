using System;
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Sends the requests of a generated client: adds authentication and headers, applies the per-attempt timeout,
/// retries what is worth retrying, and turns responses into values or typed exceptions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiPipeline
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    private static readonly ProductInfoHeaderValue UserAgent = new("Telnyx.Sip.Generator",
        typeof(ApiPipeline).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly ResolvedOptions _options;
    private readonly HttpClient _http;
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
    public ApiPipeline(TelnyxClientOptions? options, string? defaultBaseUrl, string? baseUrlVariable, ApiAuthentication authentication)
    {
        _options = (options ?? new TelnyxClientOptions()).Resolve(defaultBaseUrl, baseUrlVariable, authentication);
        _http = _options.HttpClient ?? SharedClient.Value;
    }

    /// <summary>The base URL every request path is relative to.</summary>
    public Uri BaseUrl => _options.BaseUrl;

    /// <summary>Sends a request whose response body is ignored.</summary>
    public async Task<ApiResponse> SendAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = (await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false)).Response;
        return new ApiResponse((int)response.StatusCode, response.Headers);
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
            return new ApiResponse<T>((int)response.StatusCode, response.Headers, value);
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
            return new Page<T>(page.Items, page.Meta, new ApiResponse((int)response.StatusCode, response.Headers));
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
                return read(ref reader);
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

        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool canRetry = attempt < maxRetries && request.CanRetry;
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                attemptCancellation.CancelAfter(timeout);
            }

            HttpResponseMessage? response = null;
            TimeSpan? wait;
            try
            {
                using HttpRequestMessage message = BuildMessage(request, uri, body, options);
                message.Content ??= request.Content?.Invoke();
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (!readBody && status is >= 200 and <= 299)
                {
                    // The caller reads the body as a stream, after this attempt's timeout is gone.
                    return (response, Array.Empty<byte>());
                }

                byte[] content = await response.Content.ReadAsByteArrayAsync(attemptCancellation.Token).ConfigureAwait(false);
                if (status is >= 200 and <= 299)
                {
                    return (response, content);
                }

                if (!canRetry || !IsRetryable(status))
                {
                    string raw = Encoding.UTF8.GetString(content);
                    throw ApiException.Create(status, raw, ApiPipelineHeaders.RequestId(response.Headers), response.Headers);
                }

                wait = RetryAfter(response.Headers) ?? Backoff(attempt);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                if (!canRetry)
                {
                    throw new ApiTimeoutException(
                        $"The request timed out after {attempt + 1} attempt(s) of {timeout.TotalSeconds:0.###} s each. " +
                        "Raise TelnyxClientOptions.Timeout or RequestOptions.Timeout if the operation needs longer.", error);
                }

                wait = Backoff(attempt);
            }
            catch (Exception error) when (error is HttpRequestException or IOException)
            {
                response?.Dispose();
                if (!canRetry)
                {
                    throw new ApiConnectionException(
                        $"The request failed after {attempt + 1} attempt(s): {error.Message}", error);
                }

                wait = Backoff(attempt);
            }
            catch
            {
                response?.Dispose();
                throw;
            }

            // A failed attempt's response is disposed before the next attempt starts.
            response?.Dispose();
            await Task.Delay(wait.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage BuildMessage(ApiRequest request, Uri uri, byte[]? body, RequestOptions? options)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        _options.Credentials.Apply(message);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Add(UserAgent);
        foreach (var header in request.Headers ?? [])
        {
            HeaderGuard.EnsureValid(header.Key, header.Value);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (options is not null)
        {
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
