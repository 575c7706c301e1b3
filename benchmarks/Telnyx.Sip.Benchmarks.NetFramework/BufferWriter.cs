using System;
using System.Buffers;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// .NET Framework has no public <c>System.Buffers.ArrayBufferWriter&lt;T&gt;</c>; this one, in the benchmarks' namespace,
/// takes its place for the linked PageBenchmarks: one growing array, reset between writes as there.
/// </summary>
internal sealed class ArrayBufferWriter<T>(int initialCapacity) : IBufferWriter<T>
{
    private T[] _buffer = new T[initialCapacity];

    public int WrittenCount { get; private set; }

    public void ResetWrittenCount() => WrittenCount = 0;

    public void Advance(int count) => WrittenCount += count;

    public Memory<T> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    public Span<T> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    private void Ensure(int sizeHint)
    {
        if (_buffer.Length - WrittenCount < Math.Max(sizeHint, 1))
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, WrittenCount + Math.Max(sizeHint, 1)));
        }
    }
}
