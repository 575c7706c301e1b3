using System.Collections.Generic;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>
/// A node of a parsed spec, with the 1-based line and column where it starts. The tree is built straight from the
/// YAML parser's events: lighter and faster than a general YAML object model, and all the generator needs.
/// </summary>
internal abstract class SpecNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>A scalar; <see cref="IsPlain"/> tells an unquoted one, whose <c>null</c> or <c>~</c> means null.</summary>
internal sealed class SpecScalar(string value, bool isPlain, int line, int column) : SpecNode(line, column)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;
}

internal sealed class SpecSequence(List<SpecNode> children, int line, int column) : SpecNode(line, column)
{
    public IReadOnlyList<SpecNode> Children { get; } = children;
}

/// <summary>A mapping with string keys, in document order; large ones get an index for lookups.</summary>
internal sealed class SpecMap(List<KeyValuePair<string, SpecNode>> members, int line, int column) : SpecNode(line, column)
{
    private const int IndexThreshold = 8;
    private Dictionary<string, SpecNode>? _index;

    public IReadOnlyList<KeyValuePair<string, SpecNode>> Members { get; } = members;

    public SpecNode? this[string key]
    {
        get
        {
            if (members.Count <= IndexThreshold)
            {
                foreach (KeyValuePair<string, SpecNode> member in members)
                {
                    if (member.Key == key)
                    {
                        return member.Value;
                    }
                }

                return null;
            }

            if (_index is null)
            {
                var index = new Dictionary<string, SpecNode>(members.Count, System.StringComparer.Ordinal);
                foreach (KeyValuePair<string, SpecNode> member in members)
                {
                    index[member.Key] = member.Value;
                }

                _index = index;
            }

            return _index.TryGetValue(key, out SpecNode? value) ? value : null;
        }
    }
}
