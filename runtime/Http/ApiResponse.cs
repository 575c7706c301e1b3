using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace Telnyx.Sip.Runtime;

/// <summary>What the server answered: status, headers, request id and the raw body.</summary>
public class ApiResponse
{
    private string? _bodyText;

    /// <summary>Creates the response description.</summary>
    public ApiResponse(int statusCode, HttpResponseHeaders headers)
        : this(statusCode, headers, null, ReadOnlyMemory<byte>.Empty)
    {
    }

    /// <summary>Creates the response description with its body and content headers.</summary>
    public ApiResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        Headers = headers;
        RequestId = ApiPipelineHeaders.RequestId(headers);
        ContentHeaders = contentHeaders;
        Body = content;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The headers of the body (<c>Content-Type</c>, <c>Content-Length</c>, …), when there was one.</summary>
    public HttpContentHeaders? ContentHeaders { get; }

    /// <summary>The body's bytes exactly as received; empty for a streamed or bodiless response.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(Body.Span);

    /// <summary>The <c>x-request-id</c> header, to quote when contacting support.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// Builds a response without a server, for a mocked client to return in tests.
    /// </summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="headers">Response headers, such as <c>x-request-id</c>; content headers go to <see cref="ContentHeaders"/>.</param>
    /// <param name="content">The raw body; null for none.</param>
    public static ApiResponse Create(int statusCode = 200, IEnumerable<KeyValuePair<string, string>>? headers = null, string? content = null)
    {
        (HttpResponseHeaders responseHeaders, HttpContentHeaders contentHeaders, byte[] bytes) = Build(headers, content);
        return new ApiResponse(statusCode, responseHeaders, contentHeaders, bytes);
    }

    /// <summary>
    /// Builds a response carrying <paramref name="value"/> without a server, for a mocked client's
    /// <c>…WithResponseAsync</c> method to return in tests.
    /// </summary>
    /// <param name="value">The parsed value.</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="headers">Response headers, such as <c>x-request-id</c>; content headers go to <see cref="ContentHeaders"/>.</param>
    /// <param name="content">The raw body; null for none.</param>
    public static ApiResponse<T> FromValue<T>(T value, int statusCode = 200, IEnumerable<KeyValuePair<string, string>>? headers = null, string? content = null)
    {
        (HttpResponseHeaders responseHeaders, HttpContentHeaders contentHeaders, byte[] bytes) = Build(headers, content);
        return new ApiResponse<T>(statusCode, responseHeaders, value, contentHeaders, bytes);
    }

    /// <summary>
    /// Builds a streamed response yielding <paramref name="items"/>, without a server, for a mocked client's stream
    /// method to return in tests.
    /// </summary>
    /// <param name="items">The items, yielded in order.</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="headers">Response headers, such as <c>x-request-id</c>; content headers go to <see cref="ContentHeaders"/>.</param>
    public static ApiItemStream<T> FromItems<T>(IEnumerable<T> items, int statusCode = 200, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        (HttpResponseHeaders responseHeaders, HttpContentHeaders contentHeaders, _) = Build(headers, null);
        return new ApiItemStream<T>([.. items], statusCode, responseHeaders, contentHeaders);
    }

    private static (HttpResponseHeaders, HttpContentHeaders, byte[]) Build(IEnumerable<KeyValuePair<string, string>>? headers, string? content)
    {
        byte[] bytes = content is null ? [] : Encoding.UTF8.GetBytes(content);
        // The header collections have no public constructor; a message that is never sent provides them.
        var message = new HttpResponseMessage { Content = new ByteArrayContent(bytes) };
        if (content is not null)
        {
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        foreach (KeyValuePair<string, string> header in headers ?? [])
        {
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                message.Content.Headers.Remove(header.Key);
                message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return (message.Headers, message.Content.Headers, bytes);
    }
}

/// <summary>A response with its parsed body.</summary>
/// <typeparam name="T">The type of the body.</typeparam>
public sealed class ApiResponse<T> : ApiResponse
{
    /// <summary>Creates the response.</summary>
    public ApiResponse(int statusCode, HttpResponseHeaders headers, T value) : base(statusCode, headers) => Value = value;

    /// <summary>Creates the response with its raw body and content headers.</summary>
    public ApiResponse(int statusCode, HttpResponseHeaders headers, T value, HttpContentHeaders? contentHeaders, ReadOnlyMemory<byte> content)
        : base(statusCode, headers, contentHeaders, content) => Value = value;

    /// <summary>The parsed body (for <c>{"data": …}</c> responses, the contents of <c>data</c>).</summary>
    public T Value { get; }
}

internal static class ApiPipelineHeaders
{
    public static string? RequestId(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-request-id", out var values) ? string.Join(",", values) : null;
}
