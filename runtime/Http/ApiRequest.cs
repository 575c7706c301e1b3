using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net.Http;

namespace Telnyx.Sip.Runtime;

/// <summary>Reads the JSON error body of a response with status <paramref name="status"/> at the reader's first token; null when the spec declares no type for it.</summary>
/// <param name="status">The HTTP status code.</param>
/// <param name="reader">The reader, at the body's first token.</param>
public delegate object? ErrorBodyReader(int status, ref System.Text.Json.Utf8JsonReader reader);

/// <summary>One API call as generated code describes it: method, relative path, query and optional JSON body.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiRequest
{
    /// <summary>The PATCH method, which netstandard2.0's <see cref="HttpMethod"/> lacks.</summary>
#if NET8_0_OR_GREATER
    public static HttpMethod Patch => HttpMethod.Patch;
#else
    public static HttpMethod Patch { get; } = new("PATCH");
#endif

    private static readonly ConcurrentDictionary<string, HttpMethod> OtherMethods = new(StringComparer.Ordinal);

    /// <summary>
    /// The method named <paramref name="name"/>, one instance per name: for QUERY (OpenAPI 3.2) and a spec's
    /// <c>additionalOperations</c>, which <see cref="HttpMethod"/> has no property for. Generated code passes only the
    /// spec's method names, so the cache stays as small as the spec.
    /// </summary>
    public static HttpMethod MethodNamed(string name) => OtherMethods.GetOrAdd(name, static key => new HttpMethod(key));

    /// <summary>A request with no operation name: traced and logged as its method and path.</summary>
    public ApiRequest(HttpMethod method, string path)
        : this(method, path, operationId: path, pathTemplate: path)
    {
    }

    /// <summary>A request for the spec's operation <paramref name="operationId"/>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to the base URL, with parameters already escaped.</param>
    /// <param name="operationId">The spec's <c>operationId</c>, for traces and logs.</param>
    /// <param name="pathTemplate">The spec's path with its placeholders (<c>/connections/{id}</c>), for traces and logs.</param>
    public ApiRequest(HttpMethod method, string path, string operationId, string pathTemplate)
    {
        Method = method;
        Path = path;
        OperationId = operationId;
        PathTemplate = pathTemplate;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path relative to the base URL, with parameters already escaped.</summary>
    public string Path { get; }

    /// <summary>The spec's <c>operationId</c>.</summary>
    public string OperationId { get; }

    /// <summary>The spec's path template; never holds parameter values.</summary>
    public string PathTemplate { get; }

    /// <summary>The query string.</summary>
    public QueryBuilder Query { get; } = new();

    /// <summary>Writes the JSON body; null for a request without one.</summary>
    public System.Action<System.Text.Json.Utf8JsonWriter>? Body { get; set; }

    /// <summary>
    /// Reads an error body as the type the spec declares for its status (its exact, 4XX/5XX or <c>default</c> response);
    /// returns null for a status the spec gives no type. Null when the operation declares no error body.
    /// </summary>
    public ErrorBodyReader? ReadError { get; set; }

    /// <summary>The media type the <c>Accept</c> header asks for; null asks for <c>application/json</c>.</summary>
    public string? Accept { get; set; }

    /// <summary>Headers the operation defines; values with CR or LF are refused when sent.</summary>
    internal System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, string>>? Headers { get; private set; }

    /// <summary>Sets a header parameter; null sends none.</summary>
    public void SetHeader(string name, string? value)
    {
        if (value is not null)
        {
            (Headers ??= new()).Add(new(name, value));
        }
    }

    /// <summary>Creates a body that is not JSON, once per attempt.</summary>
    internal System.Func<HttpContent>? Content { get; private set; }

    /// <summary>False when the body is a stream that cannot be rewound: such a request is sent once.</summary>
    internal bool CanRetry { get; private set; } = true;

    /// <summary>Sends <paramref name="body"/> as it is, with <paramref name="mediaType"/>.</summary>
    public void SetStream(System.IO.Stream body, string mediaType)
    {
        System.ArgumentNullException.ThrowIfNull(body);
        long start = body.CanSeek ? body.Position : 0;
        CanRetry = body.CanSeek;
        Content = () =>
        {
            if (body.CanSeek)
            {
                body.Position = start;
            }

            var content = new StreamContent(new NonDisposingStream(body));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return content;
        };
    }

    /// <summary>Sends a <c>multipart/form-data</c> body.</summary>
    public void SetMultipart(MultipartBody body)
    {
        System.ArgumentNullException.ThrowIfNull(body);
        CanRetry = body.IsReplayable;
        Content = body.CreateContent;
    }

    /// <summary>Sends an <c>application/x-www-form-urlencoded</c> body.</summary>
    public void SetForm(System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>> body)
    {
        System.ArgumentNullException.ThrowIfNull(body);
        var fields = new System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, string>>(body);
        Content = () => new FormUrlEncodedContent(fields);
    }
}
