#if !NET8_0_OR_GREATER
using System;
using System.Buffers;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// A growable buffer of <typeparamref name="T"/> that a <see cref="System.Text.Json.Utf8JsonWriter"/> writes into: the
/// type .NET has in System.Buffers, for the netstandard2.0 build (System.Text.Json keeps its own copy internal).
/// </summary>
internal sealed class ArrayBufferWriter<T> : IBufferWriter<T>
{
    private T[] _buffer;
    private int _index;

    public ArrayBufferWriter(int initialCapacity = 256) => _buffer = new T[Math.Max(initialCapacity, 1)];

    public ReadOnlySpan<T> WrittenSpan => _buffer.AsSpan(0, _index);

    public ReadOnlyMemory<T> WrittenMemory => _buffer.AsMemory(0, _index);

    public int WrittenCount => _index;

    public void ResetWrittenCount() => _index = 0;

    public void Advance(int count)
    {
        if (count < 0 || _index + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _index += count;
    }

    public Memory<T> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_index);
    }

    public Span<T> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_index);
    }

    private void Grow(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _index >= needed)
        {
            return;
        }

        int size = Math.Max(_buffer.Length * 2, _index + needed);
        Array.Resize(ref _buffer, size);
    }
}
#endif
