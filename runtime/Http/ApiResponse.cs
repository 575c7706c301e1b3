using System.Net.Http.Headers;

namespace Telnyx.Sip;

/// <summary>What the server answered, apart from the body: status, headers and request id.</summary>
public class ApiResponse
{
    /// <summary>Creates the response description.</summary>
    public ApiResponse(int statusCode, HttpResponseHeaders headers)
    {
        StatusCode = statusCode;
        Headers = headers;
        RequestId = ApiPipelineHeaders.RequestId(headers);
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The <c>x-request-id</c> header, to quote when contacting support.</summary>
    public string? RequestId { get; }
}

/// <summary>A response with its parsed body.</summary>
/// <typeparam name="T">The type of the body.</typeparam>
public sealed class ApiResponse<T> : ApiResponse
{
    /// <summary>Creates the response.</summary>
    public ApiResponse(int statusCode, HttpResponseHeaders headers, T value) : base(statusCode, headers) => Value = value;

    /// <summary>The parsed body (for <c>{"data": …}</c> responses, the contents of <c>data</c>).</summary>
    public T Value { get; }
}

internal static class ApiPipelineHeaders
{
    public static string? RequestId(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-request-id", out var values) ? string.Join(",", values) : null;
}
