using System;
using System.Buffers;
using System.IO;
using System.Text;

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
internal sealed class ServerSentEventReader : StreamBuffer
{
    private const string DefaultEventType = "message";

    private bool _bomChecked;

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
        : base(stream, initialSize)
    {
    }

    /// <summary>The data of the event read last, its lines joined with LF; valid until the next read.</summary>
    public ReadOnlySpan<byte> Data => new(_dataArray, _dispatchedStart, _dispatchedLength);

    /// <summary>The type of the event read last (<c>message</c> when it named none).</summary>
    public string EventType { get; private set; } = DefaultEventType;

    /// <summary>The last event id the stream set, kept from event to event; empty when none was set.</summary>
    public string LastEventId { get; private set; } = "";

    /// <summary>
    /// The event source's last event id: <see cref="LastEventId"/> as of the last blank line, which sets it whether or
    /// not the event had data (the standard's dispatch, step 1), so that an <c>id</c> sent alone as a heartbeat counts.
    /// </summary>
    public string DispatchedEventId { get; private set; } = "";

    /// <summary>The reconnection time the stream asked for with <c>retry</c>, or null.</summary>
    public TimeSpan? ReconnectionInterval { get; private set; }

    /// <summary>
    /// Reads lines from what has been buffered until an event is dispatched (true), without waiting: false when the
    /// buffer holds no whole line that completes one (then <see cref="StreamBuffer.FillAsync"/> reads more, unless <see cref="StreamBuffer.Completed"/>).
    /// </summary>
    /// <exception cref="ApiSerializationException">An event's data is longer than <see cref="StreamBuffer.MaxBytes"/>.</exception>
    public bool TryRead()
    {
        if (!_bomChecked)
        {
            // A byte order mark is allowed once, at the start; wait for three bytes (or the end) to tell.
            if (End - Start < 3 && !EndOfStream)
            {
                return false;
            }

            _bomChecked = true;
            if (Buffer.AsSpan(Start, End - Start).StartsWith("\uFEFF"u8))
            {
                Start = Scanned = Start + 3;
            }
        }

        for (; ; )
        {
            if (!_hasData && _eventType is null && TryReadLoneDataLine())
            {
                return true;
            }

            int found = Scanned < End && Buffer[Scanned] is (byte)'\n' or (byte)'\r'
                ? 0 // the blank line after a data line, most often
                : Buffer.AsSpan(Scanned, End - Scanned).IndexOfAny((byte)'\r', (byte)'\n');
            if (found < 0)
            {
                Scanned = End;
                if (EndOfStream)
                {
                    // The standard discards an event the stream did not finish; a last line without its end is no line.
                    Start = Scanned = End;
                }

                return false;
            }

            int at = Scanned + found;
            int next = at + 1;
            if (Buffer[at] == (byte)'\r')
            {
                if (next == End && !EndOfStream)
                {
                    // A CR at the end of what was read may be the first half of CRLF.
                    Scanned = at;
                    return false;
                }

                if (next < End && Buffer[next] == (byte)'\n')
                {
                    next++;
                }
            }

            int lineStart = Start;
            Start = Scanned = next;
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
        ReadOnlySpan<byte> rest = Buffer.AsSpan(Start, End - Start);
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
        (_dataArray, _dispatchedStart, _dispatchedLength) = (Buffer, Start + value, end - value);
        if (!ReferenceEquals(DispatchedEventId, LastEventId))
        {
            DispatchedEventId = LastEventId;
        }

        if (!ReferenceEquals(EventType, DefaultEventType))
        {
            EventType = DefaultEventType;
        }

        Start = Scanned = Start + end + 2;
        return true;
    }

    public override void Dispose()
    {
        base.Dispose();
        byte[] data = _data;
        _data = _dataArray = [];
        _dataLength = _dispatchedStart = _dispatchedLength = 0;
        _dataInBuffer = false;
        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>The data left in the buffer is copied out before the buffer moves.</summary>
    protected override void BeforeMove()
    {
        if (_dataInBuffer)
        {
            MoveDataOut();
        }
    }

    /// <summary>A blank line: the event so far is dispatched when it has data; the event type starts again either way.</summary>
    private bool Dispatch()
    {
        if (!ReferenceEquals(DispatchedEventId, LastEventId))
        {
            DispatchedEventId = LastEventId;
        }

        string? eventType = _eventType;
        _eventType = null;
        if (!_hasData)
        {
            return false;
        }

        _hasData = false;
        (_dataArray, _dispatchedStart, _dispatchedLength) = _dataInBuffer ? (Buffer, _dataStart, _dataLength) : (_data, 0, _dataLength);
        _dataInBuffer = false;
        _dataLength = 0;
        EventType = eventType ?? DefaultEventType;
        return true;
    }

    /// <summary>One field line: <c>name: value</c> (one space after the colon is not part of the value), or a comment.</summary>
    private void Field(int start, int length)
    {
        ReadOnlySpan<byte> line = Buffer.AsSpan(start, length);
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
        Buffer.AsSpan(start, length).CopyTo(_data.AsSpan(_dataLength));
        _dataLength += length;
    }

    /// <summary>Copies the data left in the buffer to the data buffer.</summary>
    private void MoveDataOut()
    {
        Reserve(_dataLength);
        Buffer.AsSpan(_dataStart, _dataLength).CopyTo(_data);
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
