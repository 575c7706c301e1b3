#if !NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Emulator;

/// <summary>
/// The base-library members .NET 8 has and netstandard2.0 lacks that the emulator uses (beyond those the runtime's
/// polyfills, linked too, give), with the same names, so that its code reads the same for both builds. Only the
/// netstandard2.0 build, which serves .NET Framework test projects, compiles this file. They are as strict as the
/// emulator's calls need, no more: the cancellable reads check the token before reading only, <c>Clamp</c> does not check
/// that min &lt;= max, <c>CancelAsync</c> runs the callbacks before it returns.
/// </summary>
internal static class EmulatorNetStandard
{
    extension(string text)
    {
        public string[] Split(char separator, StringSplitOptions options) => text.Split([separator], options);

        public string[] Split(string separator) => text.Split([separator], StringSplitOptions.None);

        public bool StartsWith(char value) => text.Length > 0 && text[0] == value;

        public bool EndsWith(char value) => text.Length > 0 && text[text.Length - 1] == value;
    }

    extension(string)
    {
        public static string Join(char separator, IEnumerable<string> values) => string.Join(separator.ToString(), values);
    }

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
    }

    extension(Math)
    {
        public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

        public static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;
    }

    extension(ArgumentOutOfRangeException)
    {
        public static void ThrowIfNegativeOrZero(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, "The value must be positive.");
            }
        }
    }

    extension<TKey, TValue>(Dictionary<TKey, TValue> dictionary) where TKey : notnull
    {
        public TValue? GetValueOrDefault(TKey key) => dictionary.TryGetValue(key, out TValue? value) ? value : default;
    }

    extension<TFirst>(IEnumerable<TFirst> first)
    {
        public IEnumerable<(TFirst First, TSecond Second)> Zip<TSecond>(IEnumerable<TSecond> second) => first.Zip(second, (a, b) => (a, b));
    }

    extension(Random random)
    {
        public void NextBytes(Span<byte> buffer)
        {
            byte[] bytes = new byte[buffer.Length];
            random.NextBytes(bytes);
            bytes.CopyTo(buffer);
        }
    }

    extension(HttpContent content)
    {
        public async Task<string> ReadAsStringAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await content.ReadAsStringAsync().ConfigureAwait(false);
        }
    }

    extension(TextReader reader)
    {
        public async Task<string> ReadToEndAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await reader.ReadToEndAsync().ConfigureAwait(false);
        }
    }

    extension(Stream stream)
    {
        public Task WriteAsync(byte[] bytes, CancellationToken cancellationToken) => stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken);
    }

    extension(CancellationTokenSource source)
    {
        public Task CancelAsync()
        {
            source.Cancel();
            return Task.CompletedTask;
        }
    }
}
#endif
