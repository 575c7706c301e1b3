using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// The pooled buffer under the streamed-response readers: what has been read and not yet consumed is
/// <c>Buffer[Start..End)</c>, and <c>Scanned</c> marks how far it has been searched already. A reader consumes from the
/// buffer without waiting and calls <see cref="FillAsync"/> only when it holds nothing whole. The buffer grows only
/// for an item longer than it, up to <see cref="MaxBytes"/>.
/// </summary>
internal abstract class StreamBuffer : IDisposable
{
    /// <summary>The longest item or line read (a server that never ends one must not take all memory).</summary>
    internal const int MaxBytes = 64 * 1024 * 1024;

    private readonly Stream _stream;

    protected StreamBuffer(Stream stream, int initialSize)
    {
        _stream = stream;
        Buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>True once the stream has ended and everything it held has been consumed.</summary>
    public bool Completed => EndOfStream && Start == End;

    protected byte[] Buffer { get; private set; }

    protected int Start { get; set; }

    protected int End { get; private set; }

    protected int Scanned { get; set; }

    protected bool EndOfStream { get; private set; }

    /// <summary>Reads more of the stream into the buffer (moving the unconsumed part to its front, growing it when full), or notes its end.</summary>
    /// <exception cref="ApiSerializationException">An item is longer than <see cref="MaxBytes"/>.</exception>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        BeforeMove();
        if (Start > 0)
        {
            System.Buffer.BlockCopy(Buffer, Start, Buffer, 0, End - Start);
            End -= Start;
            Scanned -= Start;
            Start = 0;
        }

        if (End == Buffer.Length)
        {
            if (Buffer.Length >= MaxBytes)
            {
                throw TooLong();
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(Buffer.Length * 2, MaxBytes));
            System.Buffer.BlockCopy(Buffer, 0, larger, 0, End);
            ArrayPool<byte>.Shared.Return(Buffer);
            Buffer = larger;
        }

        int read = await _stream.ReadAsync(Buffer, End, Buffer.Length - End, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            EndOfStream = true;
        }
        else
        {
            End += read;
        }
    }

    public virtual void Dispose()
    {
        byte[] buffer = Buffer;
        Buffer = [];
        Start = End = Scanned = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected static ApiSerializationException TooLong() =>
        new($"An item of the stream is longer than {MaxBytes / (1024 * 1024)} MiB, the most the client reads", "$");

    /// <summary>Called before the buffer's bytes move: a reader that refers to consumed bytes copies them out here.</summary>
    protected virtual void BeforeMove()
    {
    }
}
