using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// What the runtime needs to know about a generated model's members: their wire and C# names, which ones a response
/// must have and which ones are secret. One instance per model type, built once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedModelInfo
{
    private readonly byte[][] _utf8Names;
    private readonly JsonEncodedText[] _encodedNames;
    private readonly int[] _slots;
    private readonly Dictionary<string, int> _byName;
    private readonly bool[] _required;
    private readonly bool[] _secret;

    /// <summary>Describes a model.</summary>
    /// <param name="typeName">The C# type name, used in messages and <c>ToString</c>.</param>
    /// <param name="wireNames">The JSON member names, in member index order.</param>
    /// <param name="propertyNames">The C# property names, in the same order.</param>
    /// <param name="required">Indexes of the members a response must have, with a value other than null.</param>
    /// <param name="secret">Indexes of the members whose values <c>ToString</c> and logs must not show.</param>
    public GeneratedModelInfo(string typeName, string[] wireNames, string[] propertyNames, int[]? required = null, int[]? secret = null)
    {
        if (wireNames.Length != propertyNames.Length)
        {
            throw new ArgumentException("Every member needs a wire name and a property name.", nameof(propertyNames));
        }

        TypeName = typeName;
        WireNames = wireNames;
        PropertyNames = propertyNames;
        int count = wireNames.Length;
        _utf8Names = new byte[count][];
        _encodedNames = new JsonEncodedText[count];
        _byName = new Dictionary<string, int>(count * 2, StringComparer.Ordinal);
        _required = new bool[count];
        _secret = new bool[count];
        for (int i = 0; i < count; i++)
        {
            _utf8Names[i] = Encoding.UTF8.GetBytes(wireNames[i]);
            _encodedNames[i] = JsonEncodedText.Encode(wireNames[i]);
            _byName[wireNames[i]] = i;
        }

        for (int i = 0; i < count; i++)
        {
            _byName.TryAdd(propertyNames[i], i);
        }

        foreach (int index in required ?? [])
        {
            _required[index] = true;
            if (index < 64)
            {
                RequiredLow |= 1UL << index;
            }
            else
            {
                HasRequiredHigh = true;
            }
        }

        foreach (int index in secret ?? [])
        {
            _secret[index] = true;
        }

        // Open addressing over a power-of-two table, at most half full: a lookup is one hash and, nearly always, one compare.
        int size = 4;
        while (size < count * 2)
        {
            size <<= 1;
        }

        _slots = new int[size];
        _slots.AsSpan().Fill(-1);
        for (int i = 0; i < count; i++)
        {
            int slot = Hash(_utf8Names[i]) & (size - 1);
            while (_slots[slot] >= 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            _slots[slot] = i;
        }
    }

    /// <summary>The C# type name.</summary>
    public string TypeName { get; }

    /// <summary>The JSON member names, by member index.</summary>
    public IReadOnlyList<string> WireNames { get; }

    /// <summary>The C# property names, by member index.</summary>
    public IReadOnlyList<string> PropertyNames { get; }

    /// <summary>The number of members the spec describes.</summary>
    public int Count => _utf8Names.Length;

    /// <summary>The required members among the first 64, as bits.</summary>
    internal ulong RequiredLow { get; }

    /// <summary>Whether a member past the 64th is required.</summary>
    internal bool HasRequiredHigh { get; }

    internal bool IsRequired(int index) => _required[index];

    internal bool IsSecret(int index) => _secret[index];

    internal JsonEncodedText EncodedName(int index) => _encodedNames[index];

    /// <summary>The index of the member whose name the reader is on, or -1 for a member the spec does not describe.</summary>
    public int IndexOf(ref Utf8JsonReader reader) => Lookup(ref reader);

    /// <summary>
    /// The index of the member whose name the reader is on, trying <paramref name="expected"/> first (members mostly
    /// arrive in the order the spec lists them, so the one after the last is a good guess), or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int IndexOf(ref Utf8JsonReader reader, int expected)
    {
        byte[][] names = _utf8Names;
        return (uint)expected < (uint)names.Length && !reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(names[expected])
            ? expected
            : Lookup(ref reader);
    }

    private int Lookup(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            string text = reader.GetString()!;
            return _byName.TryGetValue(text, out int found) && WireNames[found] == text ? found : -1;
        }

        ReadOnlySpan<byte> name = reader.ValueSpan;
        int mask = _slots.Length - 1;
        int slot = Hash(name) & mask;
        while (true)
        {
            int index = _slots[slot];
            if (index < 0)
            {
                return -1;
            }

            if (name.SequenceEqual(_utf8Names[index]))
            {
                return index;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The index of a member by its C# property name or its wire name, or -1.</summary>
    public int IndexOfName(string name) => _byName.TryGetValue(name, out int index) ? index : -1;

    private static int Hash(ReadOnlySpan<byte> name)
    {
        int length = name.Length;
        if (length == 0)
        {
            return 0;
        }

        // Length and three sampled bytes tell member names apart well enough for tables this small.
        return (length * 397) ^ (name[0] * 31) ^ (name[length - 1] * 7919) ^ (name[length >> 1] * 131);
    }
}
