using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Telnyx.Sip.Runtime;

/// <summary>A <c>multipart/form-data</c> request body: text fields and files.</summary>
public sealed class MultipartBody
{
    private readonly List<Func<HttpContent>> _parts = new();
    private readonly List<(string Name, string? FileName)> _names = new();
    private bool _replayable = true;

    /// <summary>Adds a text field.</summary>
    public MultipartBody Add(string name, string value)
    {
        _parts.Add(() => new StringContent(value));
        _names.Add((name, null));
        return this;
    }

    /// <summary>Adds a file from a stream. A stream that cannot seek is sent once: the request is then not retried.</summary>
    public MultipartBody Add(string name, Stream content, string fileName, string contentType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        long start = content.CanSeek ? content.Position : 0;
        _replayable &= content.CanSeek;
        _parts.Add(() =>
        {
            if (content.CanSeek)
            {
                content.Position = start;
            }

            var part = new StreamContent(new NonDisposingStream(content));
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return part;
        });
        _names.Add((name, fileName));
        return this;
    }

    /// <summary>Adds a file from bytes.</summary>
    public MultipartBody Add(string name, byte[] content, string fileName, string contentType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        _parts.Add(() =>
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return part;
        });
        _names.Add((name, fileName));
        return this;
    }

    /// <summary>Whether the body can be sent again on a retry.</summary>
    internal bool IsReplayable => _replayable;

    internal HttpContent CreateContent()
    {
        var content = new MultipartFormDataContent();
        for (int i = 0; i < _parts.Count; i++)
        {
            (string name, string? fileName) = _names[i];
            if (fileName is null)
            {
                content.Add(_parts[i](), name);
            }
            else
            {
                content.Add(_parts[i](), name, fileName);
            }
        }

        return content;
    }
}

/// <summary>Leaves the caller's stream open when the request content is disposed after an attempt.</summary>
internal sealed class NonDisposingStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);
#if NET8_0_OR_GREATER
    public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);
#endif
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
