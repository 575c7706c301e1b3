using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Cuts a stream into frames at a delimiter byte: lines for JSON Lines and NDJSON, records for JSON text sequences
/// (RFC 7464, whose records start with 0x1E). A frame is handed out as soon as its delimiter arrives; blank frames
/// are skipped. The buffer is pooled and grows only for an item longer than it.
/// </summary>
internal sealed class DelimitedFrameReader : IDisposable
{
    /// <summary>The longest item read (a server that never sends the delimiter must not take all memory).</summary>
    internal const int MaxFrameBytes = 64 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly byte _delimiter;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfStream;

    public DelimitedFrameReader(Stream stream, byte delimiter, int initialSize = 16 * 1024)
    {
        _stream = stream;
        _delimiter = delimiter;
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    private int _frameStart;
    private int _frameLength;

    /// <summary>The frame read last, without its delimiter; valid until the next read.</summary>
    public ReadOnlySpan<byte> Frame => new(_buffer, _frameStart, _frameLength);

    /// <summary>True once the stream has ended and every frame it held has been handed out.</summary>
    public bool Completed => _endOfStream && _start == _end;

    /// <summary>
    /// Hands out the next frame that is not blank from what has been read, without waiting: false when the buffer
    /// holds no whole frame (then <see cref="FillAsync"/> reads more, unless <see cref="Completed"/>).
    /// </summary>
    public bool TryRead()
    {
        for (; ; )
        {
            int found = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf(_delimiter);
            if (found < 0)
            {
                _scanned = _end;
                if (!_endOfStream || _start == _end)
                {
                    return false;
                }

                // The last frame needs no delimiter.
                found = _end - _scanned;
            }

            int at = _scanned + found;
            _frameStart = _start;
            _frameLength = at - _start;
            _start = _scanned = Math.Min(at + 1, _end);
            if (!IsBlank(Frame))
            {
                return true;
            }
        }
    }

    /// <summary>Reads more of the stream into the buffer (growing it for a frame longer than it), or notes its end.</summary>
    /// <exception cref="ApiSerializationException">A frame is longer than <see cref="MaxFrameBytes"/>.</exception>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            // Keep the unfinished frame at the front of the buffer.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxFrameBytes)
            {
                throw new ApiSerializationException($"An item of the stream is longer than {MaxFrameBytes / (1024 * 1024)} MiB, the most the client reads", "$");
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxFrameBytes));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfStream = true;
        }
        else
        {
            _end += read;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> frame)
    {
        foreach (byte b in frame)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x1E))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _start = _end = _scanned = _frameStart = _frameLength = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
