using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// A fixed set of strings, found by their UTF-8 bytes: the reader's current string token is matched without being
/// decoded, and the set's own instance is returned. Grouped by byte length, so a lookup compares only strings of the
/// token's length.
/// </summary>
internal sealed class KnownStrings
{
    /// <summary>Longer strings are not kept: matching them would cost more than decoding them saves.</summary>
    private const int MaxBytes = 256;

    private readonly Entry[]?[] _byLength;

    public KnownStrings(IReadOnlyList<string> values)
    {
        var groups = new Dictionary<int, List<Entry>>();
        int longest = -1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            if (utf8.Length > MaxBytes || !seen.Add(value))
            {
                continue;
            }

            if (!groups.TryGetValue(utf8.Length, out List<Entry>? group))
            {
                groups[utf8.Length] = group = new List<Entry>();
            }

            group.Add(new Entry(utf8, value));
            longest = Math.Max(longest, utf8.Length);
        }

        _byLength = new Entry[]?[longest + 1];
        foreach (KeyValuePair<int, List<Entry>> group in groups)
        {
            _byLength[group.Key] = group.Value.ToArray();
        }
    }

    /// <summary>The set's string equal to the reader's current string token, or null (also when the token has escapes or spans segments).</summary>
    public string? Find(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return null;
        }

        ReadOnlySpan<byte> value = reader.ValueSpan;
        if (value.Length >= _byLength.Length || _byLength[value.Length] is not { } candidates)
        {
            return null;
        }

        foreach (Entry candidate in candidates)
        {
            if (value.SequenceEqual(candidate.Utf8))
            {
                return candidate.Text;
            }
        }

        return null;
    }

    private readonly struct Entry
    {
        public Entry(byte[] utf8, string text)
        {
            Utf8 = utf8;
            Text = text;
        }

        public byte[] Utf8 { get; }

        public string Text { get; }
    }
}
