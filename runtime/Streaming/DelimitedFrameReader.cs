using System;
using System.IO;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Cuts a stream into frames at a delimiter byte: lines for JSON Lines and NDJSON, records for JSON text sequences
/// (RFC 7464, whose records start with 0x1E). A frame is handed out as soon as its delimiter arrives; blank frames
/// are skipped.
/// </summary>
internal sealed class DelimitedFrameReader : StreamBuffer
{
    private readonly byte _delimiter;
    private int _frameStart;
    private int _frameLength;

    public DelimitedFrameReader(Stream stream, byte delimiter, int initialSize = 16 * 1024)
        : base(stream, initialSize)
    {
        _delimiter = delimiter;
    }

    /// <summary>The frame read last, without its delimiter; valid until the next read.</summary>
    public ReadOnlySpan<byte> Frame => new(Buffer, _frameStart, _frameLength);

    /// <summary>
    /// Hands out the next frame that is not blank from what has been read, without waiting: false when the buffer
    /// holds no whole frame (then <see cref="StreamBuffer.FillAsync"/> reads more, unless <see cref="StreamBuffer.Completed"/>).
    /// </summary>
    public bool TryRead()
    {
        for (; ; )
        {
            int found = Buffer.AsSpan(Scanned, End - Scanned).IndexOf(_delimiter);
            if (found < 0)
            {
                Scanned = End;
                if (!EndOfStream || Start == End)
                {
                    return false;
                }

                // The last frame needs no delimiter.
                found = End - Scanned;
            }

            int at = Scanned + found;
            _frameStart = Start;
            _frameLength = at - Start;
            Start = Scanned = Math.Min(at + 1, End);
            if (!IsBlank(Frame))
            {
                return true;
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _frameStart = _frameLength = 0;
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
}
