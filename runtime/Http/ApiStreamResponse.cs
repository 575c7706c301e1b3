using System;
using System.IO;
using System.Net.Http;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// A response whose body is not JSON (a PDF, a CSV file, audio): the body as a stream, read as it arrives.
/// Dispose it when done, to free the connection.
/// </summary>
public sealed class ApiStreamResponse : ApiResponse, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal ApiStreamResponse(HttpResponseMessage response, Stream content)
        : base((int)response.StatusCode, response.Headers, response.Content.Headers, ReadOnlyMemory<byte>.Empty)
    {
        _response = response;
        Content = content;
    }

    /// <summary>The body.</summary>
    public Stream Content { get; }

    /// <summary>The media type of the body, such as <c>application/pdf</c>.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The length of the body when the server said it.</summary>
    public long? ContentLength => _response.Content.Headers.ContentLength;

    /// <inheritdoc />
    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
