using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Reads a <c>text/event-stream</c> body as the HTML standard interprets it ("9.2.6 Interpreting an event stream"): an
/// optional byte order mark, lines ended by CRLF, LF or CR, <c>data</c> lines joined with LF, <c>event</c>, <c>id</c>
/// (ignored when it holds NUL), <c>retry</c> (ASCII digits only), comments and unknown fields ignored, an event
/// dispatched at a blank line when it has data, and an unfinished event at the end discarded.
/// </summary>
/// <remarks>
/// Events are handed out from the buffer without an await while whole ones are buffered, which is what keeps a stream
/// of small events close to a hand-written loop; <c>System.Net.ServerSentEvents</c>' <c>SseParser</c>, an async
/// iterator over 1 KB reads, costs on its own about half of such a loop (docs/performance.md). The tests read random
/// streams with both and require the same events.
/// </remarks>
internal sealed class ServerSentEventReader : IDisposable
{
    /// <summary>The longest line or event data read (a server that never ends a line must not take all memory).</summary>
    internal const int MaxBytes = 64 * 1024 * 1024;

    private const string DefaultEventType = "message";

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfStream;
    private bool _started;

    private byte[] _data = [];
    private int _dataLength;
    private bool _hasData;

    // An event's only data line stays where it was read (most events have one): no copy unless a second data line
    // comes, or the buffer must move before the event ends.
    private bool _dataInBuffer;
    private int _dataStart;

    // Where the data of the event dispatched last is.
    private byte[] _dataArray = [];
    private int _dispatchedStart;
    private int _dispatchedLength;
    private string? _eventType;
    private string? _lastEventType;

    public ServerSentEventReader(Stream stream, int initialSize = 16 * 1024)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>The data of the event read last, its lines joined with LF; valid until the next read.</summary>
    public ReadOnlySpan<byte> Data => new(_dataArray, _dispatchedStart, _dispatchedLength);

    /// <summary>The type of the event read last (<c>message</c> when it named none).</summary>
    public string EventType { get; private set; } = DefaultEventType;

    /// <summary>The last event id the stream set, kept from event to event; empty when none was set.</summary>
    public string LastEventId { get; private set; } = "";

    /// <summary>The reconnection time the stream asked for with <c>retry</c>, or null.</summary>
    public TimeSpan? ReconnectionInterval { get; private set; }

    /// <summary>True once the stream has ended and every whole line it held has been read.</summary>
    public bool Completed => _endOfStream && _start == _end;

    /// <summary>
    /// Reads lines from what has been buffered until an event is dispatched (true), without waiting: false when the
    /// buffer holds no whole line that completes one (then <see cref="FillAsync"/> reads more, unless <see cref="Completed"/>).
    /// </summary>
    /// <exception cref="ApiSerializationException">An event's data is longer than <see cref="MaxBytes"/>.</exception>
    public bool TryRead()
    {
        if (!_started)
        {
            // A byte order mark is allowed once, at the start; wait for three bytes (or the end) to tell.
            if (_end - _start < 3 && !_endOfStream)
            {
                return false;
            }

            _started = true;
            if (_buffer.AsSpan(_start, _end - _start).StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                _start = _scanned = _start + 3;
            }
        }

        for (; ; )
        {
            if (!_hasData && _eventType is null && TryReadLoneDataLine())
            {
                return true;
            }

            int found = _scanned < _end && _buffer[_scanned] is (byte)'\n' or (byte)'\r'
                ? 0 // the blank line after a data line, most often
                : _buffer.AsSpan(_scanned, _end - _scanned).IndexOfAny((byte)'\r', (byte)'\n');
            if (found < 0)
            {
                _scanned = _end;
                if (_endOfStream)
                {
                    // The standard discards an event the stream did not finish; a last line without its end is no line.
                    _start = _scanned = _end;
                }

                return false;
            }

            int at = _scanned + found;
            int next = at + 1;
            if (_buffer[at] == (byte)'\r')
            {
                if (next == _end && !_endOfStream)
                {
                    // A CR at the end of what was read may be the first half of CRLF.
                    _scanned = at;
                    return false;
                }

                if (next < _end && _buffer[next] == (byte)'\n')
                {
                    next++;
                }
            }

            int lineStart = _start;
            _start = _scanned = next;
            if (at == lineStart)
            {
                if (Dispatch())
                {
                    return true;
                }
            }
            else
            {
                Field(lineStart, at - lineStart);
            }
        }
    }

    /// <summary>
    /// The most common event on its own: <c>data: …</c>, LF, and the blank line (LF) that dispatches it, with nothing
    /// pending from earlier lines. Handed out in place, as the general path would; anything else is left to it.
    /// </summary>
    private bool TryReadLoneDataLine()
    {
        ReadOnlySpan<byte> rest = _buffer.AsSpan(_start, _end - _start);
        if (!rest.StartsWith("data:"u8))
        {
            return false;
        }

        int end = rest.Slice(5).IndexOfAny((byte)'\r', (byte)'\n') + 5;
        if (end < 5 || rest[end] != (byte)'\n' || end + 1 >= rest.Length || rest[end + 1] != (byte)'\n')
        {
            return false;
        }

        int value = rest.Length > 5 && rest[5] == (byte)' ' && end > 5 ? 6 : 5;
        (_dataArray, _dispatchedStart, _dispatchedLength) = (_buffer, _start + value, end - value);
        EventType = DefaultEventType;
        _start = _scanned = _start + end + 2;
        return true;
    }

    /// <summary>Reads more of the stream into the buffer (growing it for a line longer than it), or notes its end.</summary>
    /// <exception cref="ApiSerializationException">A line is longer than <see cref="MaxBytes"/>.</exception>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_dataInBuffer)
        {
            MoveDataOut(); // the buffer is about to move
        }

        if (_start > 0)
        {
            // Keep the unfinished line at the front of the buffer.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBytes)
            {
                throw TooLong();
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxBytes));
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

    public void Dispose()
    {
        byte[] buffer = _buffer, data = _data;
        _buffer = _data = [];
        _start = _end = _scanned = _dataLength = 0;
        _dataInBuffer = false;
        _dataArray = [];
        _dispatchedStart = _dispatchedLength = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static ApiSerializationException TooLong() =>
        new($"An event of the stream is longer than {MaxBytes / (1024 * 1024)} MiB, the most the client reads", "$");

    /// <summary>A blank line: the event so far is dispatched when it has data; the event type starts again either way.</summary>
    private bool Dispatch()
    {
        string? eventType = _eventType;
        _eventType = null;
        if (!_hasData)
        {
            return false;
        }

        _hasData = false;
        (_dataArray, _dispatchedStart, _dispatchedLength) = _dataInBuffer ? (_buffer, _dataStart, _dataLength) : (_data, 0, _dataLength);
        _dataInBuffer = false;
        _dataLength = 0;
        EventType = eventType ?? DefaultEventType;
        return true;
    }

    /// <summary>One field line: <c>name: value</c> (one space after the colon is not part of the value), or a comment.</summary>
    private void Field(int start, int length)
    {
        ReadOnlySpan<byte> line = _buffer.AsSpan(start, length);
        if (line.StartsWith("data:"u8))
        {
            // Most lines: no need to look for the colon or compare the name.
            int dataStart = length > 5 && line[5] == (byte)' ' ? 6 : 5;
            AppendData(start + dataStart, length - dataStart);
            return;
        }

        int colon = line.IndexOf((byte)':');
        if (colon == 0)
        {
            return; // A comment.
        }

        ReadOnlySpan<byte> name = colon < 0 ? line : line.Slice(0, colon);
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && line[valueStart] == (byte)' ')
        {
            valueStart++;
        }

        ReadOnlySpan<byte> value = line.Slice(valueStart);
        if (name.SequenceEqual("data"u8))
        {
            AppendData(start + valueStart, length - valueStart);
        }
        else if (name.SequenceEqual("event"u8))
        {
            _eventType = Text(value, _lastEventType);
            _lastEventType = _eventType;
        }
        else if (name.SequenceEqual("id"u8))
        {
            if (value.IndexOf((byte)0) < 0)
            {
                LastEventId = Text(value, LastEventId);
            }
        }
        else if (name.SequenceEqual("retry"u8))
        {
            if (Milliseconds(value) is { } milliseconds)
            {
                ReconnectionInterval = milliseconds >= (long)TimeSpan.MaxValue.TotalMilliseconds
                    ? TimeSpan.MaxValue
                    : TimeSpan.FromMilliseconds(milliseconds);
            }
        }
    }

    /// <summary>A data line's value, at <paramref name="start"/> in the buffer.</summary>
    private void AppendData(int start, int length)
    {
        if (!_hasData)
        {
            _hasData = _dataInBuffer = true;
            _dataStart = start;
            _dataLength = length;
            return;
        }

        if (_dataInBuffer)
        {
            MoveDataOut();
        }

        Reserve(_dataLength + 1 + length);
        _data[_dataLength++] = (byte)'\n';
        _buffer.AsSpan(start, length).CopyTo(_data.AsSpan(_dataLength));
        _dataLength += length;
    }

    /// <summary>Copies the data left in the buffer to the data buffer.</summary>
    private void MoveDataOut()
    {
        Reserve(_dataLength);
        _buffer.AsSpan(_dataStart, _dataLength).CopyTo(_data);
        _dataInBuffer = false;
    }

    private void Reserve(int needed)
    {
        if (needed > MaxBytes)
        {
            throw TooLong();
        }

        if (needed > _data.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(Math.Max(_data.Length * 2, 1024), MaxBytes)));
            if (!_dataInBuffer)
            {
                _data.AsSpan(0, _dataLength).CopyTo(larger);
            }

            if (_data.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_data);
            }

            _data = larger;
        }
    }

    /// <summary>The value as text, reusing <paramref name="previous"/> when the bytes are its ASCII (event types repeat).</summary>
    private static string Text(ReadOnlySpan<byte> value, string? previous)
    {
        if (previous is not null && previous.Length == value.Length)
        {
            bool same = true;
            for (int i = 0; i < value.Length && same; i++)
            {
                same = value[i] < 0x80 && value[i] == previous[i];
            }

            if (same)
            {
                return previous;
            }
        }

        return Encoding.UTF8.GetString(value);
    }

    /// <summary>A <c>retry</c> value: ASCII digits only, and within a <see cref="TimeSpan"/>; else null (the field is ignored).</summary>
    private static long? Milliseconds(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        long result = 0;
        long limit = (long)TimeSpan.MaxValue.TotalMilliseconds;
        foreach (byte b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return null;
            }

            result = (result * 10) + (b - '0');
            if (result > limit)
            {
                return null;
            }
        }

        return result;
    }
}
