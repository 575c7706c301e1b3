#if !NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// The few base-library members that .NET 8 has and netstandard2.0 lacks, with the same names, so that the runtime's
/// code reads the same for both builds. Only the netstandard2.0 build compiles this file.
/// </summary>
internal static class NetStandard
{
    [ThreadStatic]
    private static Random? t_random;

    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([System.Diagnostics.CodeAnalysis.NotNull] object? argument,
            [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(Stopwatch)
    {
        public static TimeSpan GetElapsedTime(long startingTimestamp) =>
            TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }

    extension(Random)
    {
        public static Random Shared => t_random ??= new Random(Guid.NewGuid().GetHashCode());
    }

    extension(string text)
    {
        public string Replace(string oldValue, string newValue, StringComparison comparison)
        {
            Debug.Assert(comparison == StringComparison.Ordinal, "only ordinal replacement is used");
            return text.Replace(oldValue, newValue);
        }

        public bool Contains(char value) => text.IndexOf(value) >= 0;
    }

    extension(Encoding encoding)
    {
        public unsafe string GetString(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return "";
            }

            fixed (byte* start = bytes)
            {
                return encoding.GetString(start, bytes.Length);
            }
        }
    }

    extension<TKey, TValue>(Dictionary<TKey, TValue> dictionary) where TKey : notnull
    {
        public bool TryAdd(TKey key, TValue value)
        {
            if (dictionary.ContainsKey(key))
            {
                return false;
            }

            dictionary.Add(key, value);
            return true;
        }
    }

    extension(HttpContent content)
    {
        public async Task<byte[]> ReadAsByteArrayAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }

        public async Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await content.ReadAsStreamAsync().ConfigureAwait(false);
        }
    }

    extension(ReadOnlySpan<byte> span)
    {
        public ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> trimElements)
        {
            int start = 0;
            while (start < span.Length && trimElements.IndexOf(span[start]) >= 0)
            {
                start++;
            }

            int end = span.Length;
            while (end > start && trimElements.IndexOf(span[end - 1]) >= 0)
            {
                end--;
            }

            return span.Slice(start, end - start);
        }
    }
}

/// <summary>The trailing-zero count of .NET's <c>BitOperations</c>, for the netstandard2.0 build.</summary>
internal static class BitOperations
{
    public static int TrailingZeroCount(ulong value)
    {
        if (value == 0)
        {
            return 64;
        }

        int count = 0;
        while ((value & 1) == 0)
        {
            value >>= 1;
            count++;
        }

        return count;
    }
}
#endif
