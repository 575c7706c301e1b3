using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>
/// A parsed spec: a tree of <see cref="SpecNode"/>s with line numbers, plain-scalar typing by the YAML 1.2 core
/// schema, aliases expanded, and local <c>$ref</c> resolution. JSON specs are read the same way (JSON is YAML).
/// </summary>
internal sealed class SpecDocument
{
    private const int MaxDepth = SpecBudgets.MaxDepth;

    private SpecDocument(SpecMap root) => Root = root;

    public SpecMap Root { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; on a syntax error returns null with the message and its 1-based position. When the
    /// aliases stand for more than <see cref="SpecBudgets.MaxAliasNodes"/> nodes, <paramref name="overBudget"/> is set.
    /// </summary>
    public static SpecDocument? Parse(string text, out string? error, out (int Line, int Column) errorAt, out SpecNode? rootNode,
        out bool overBudget, CancellationToken cancellationToken = default)
    {
        error = null;
        errorAt = (1, 1);
        rootNode = null;
        overBudget = false;
        var parser = new Parser(new StringReader(BlockScalarFix.Apply(text, cancellationToken)));
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                error = "the file is empty";
                return null;
            }

            rootNode = new TreeBuilder(parser, cancellationToken).Node(0);
            return rootNode is SpecMap map ? new SpecDocument(map) : null;
        }
        catch (AliasBudgetException exception)
        {
            overBudget = true;
            error = exception.Message;
            errorAt = ((int)exception.At.Line, (int)exception.At.Column);
            return null;
        }
        catch (YamlException exception)
        {
            error = exception.InnerException is { } inner && exception.Message.Contains("See inner exception")
                ? inner.Message
                : exception.Message;
            errorAt = ((int)exception.Start.Line, (int)exception.Start.Column);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this at some unterminated constructs; the last event read is the best position.
            error = "the document ends inside an unterminated collection or scalar";
            errorAt = parser.Current is { } current ? ((int)current.Start.Line, (int)current.Start.Column) : (1, 1);
            return null;
        }
    }

    /// <summary>Builds the tree from parser events.</summary>
    private sealed class TreeBuilder(IParser parser, CancellationToken cancellationToken)
    {
        /// <summary>Each anchor's node and how many nodes it stands for; -1 while the node is still being read.</summary>
        private readonly Dictionary<string, (SpecNode Node, long Size)> _anchors = new(StringComparer.Ordinal);

        /// <summary>Nodes read plus the nodes every alias read so far stands for: what a walk over the tree visits.</summary>
        private long _visited;
        private long _aliased;

        public SpecNode Node(int depth)
        {
            if (++_visited % SpecBudgets.CancellationInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (depth > MaxDepth)
            {
                Mark at = parser.Current?.Start ?? Mark.Empty;
                throw new YamlException(at, at, $"the document nests deeper than {MaxDepth} levels");
            }

            ParsingEvent current = parser.Current ?? throw new YamlException("unexpected end of the document");
            int line = (int)current.Start.Line, column = (int)current.Start.Column;
            switch (current)
            {
                case Scalar scalar:
                {
                    parser.MoveNext();
                    var node = new SpecScalar(scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any, line, column);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        _anchors[scalar.Anchor.Value] = (node, 1);
                    }

                    return node;
                }

                case SequenceStart start:
                {
                    parser.MoveNext();
                    var children = new List<SpecNode>();
                    var node = new SpecSequence(children, line, column);
                    long before = BeginAnchor(start.Anchor, node);
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        children.Add(Node(depth + 1));
                    }

                    EndAnchor(start.Anchor, node, before);
                    return node;
                }

                case MappingStart start:
                {
                    parser.MoveNext();
                    var members = new List<KeyValuePair<string, SpecNode>>();
                    var node = new SpecMap(members, line, column);
                    long before = BeginAnchor(start.Anchor, node);
                    HashSet<string>? seen = null;
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        Mark keyMark = parser.Current?.Start ?? Mark.Empty;
                        SpecNode key = Node(depth + 1);
                        string name = key is SpecScalar text ? text.Value : $"<{key.GetType().Name}>";
                        SpecNode value = Node(depth + 1);
                        // Small mappings are searched; larger ones get a set of the keys seen so far.
                        bool duplicate = seen is null && members.Count < 8
                            ? members.Exists(m => m.Key == name)
                            : !(seen ??= new HashSet<string>(Keys(members), StringComparer.Ordinal)).Add(name);
                        if (duplicate)
                        {
                            throw new YamlException(keyMark, keyMark, $"duplicate key '{name}'");
                        }

                        members.Add(new KeyValuePair<string, SpecNode>(name, value));
                    }

                    EndAnchor(start.Anchor, node, before);
                    return node;
                }

                case AnchorAlias alias:
                {
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new YamlException(current.Start, current.End, $"the alias '*{alias.Value.Value}' has no anchor");
                    }

                    if (target.Size < 0)
                    {
                        // An alias inside its own anchor's node would make the tree a cycle that no walk leaves.
                        throw new YamlException(current.Start, current.End, $"the alias '*{alias.Value.Value}' is inside the node it refers to");
                    }

                    // The alias stands for its whole target: count it as a walk over the tree would see it.
                    _visited += target.Size - 1;
                    _aliased += target.Size;
                    if (_aliased > SpecBudgets.MaxAliasNodes)
                    {
                        throw new AliasBudgetException(current.Start);
                    }

                    return target.Node;
                }

                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private static IEnumerable<string> Keys(List<KeyValuePair<string, SpecNode>> members)
        {
            foreach (KeyValuePair<string, SpecNode> member in members)
            {
                yield return member.Key;
            }
        }

        private long BeginAnchor(AnchorName anchor, SpecNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, -1);
            }

            return _visited;
        }

        private void EndAnchor(AnchorName anchor, SpecNode node, long before)
        {
            if (!anchor.IsEmpty && _anchors.TryGetValue(anchor.Value, out var entry) && ReferenceEquals(entry.Node, node))
            {
                _anchors[anchor.Value] = (node, _visited - before + 1);
            }
        }
    }

    /// <summary>The aliases stand for more nodes than <see cref="SpecBudgets.MaxAliasNodes"/>.</summary>
    private sealed class AliasBudgetException(Mark at) : Exception(SpecBudgets.MaxAliasNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
    {
        public Mark At { get; } = at;
    }

    /// <summary>Stands for the unknown address the document was read from, when its <c>$self</c> is relative.</summary>
    private static readonly Uri RetrievalStandIn = new("https://retrieval.invalid/");

    private Uri? _self;
    private bool _selfRead;

    /// <summary>
    /// The document's own URI (OpenAPI 3.2 <c>$self</c>), the base of its relative references; null without one. A
    /// relative <c>$self</c> is taken against a stand-in for the unknown retrieval address, which references resolve
    /// against alike.
    /// </summary>
    private Uri? Self
    {
        get
        {
            if (!_selfRead)
            {
                _selfRead = true;
                _self = GetString(Root, "$self") is { Length: > 0 and < 2048 } self && Uri.TryCreate(RetrievalStandIn, self, out Uri? uri) ? uri : null;
            }

            return _self;
        }
    }

    /// <summary>
    /// The local form (<c>#/…</c>) of a reference that points into this document: a <c>#</c> fragment as it is, or a
    /// reference that resolves, against the <c>$self</c> URI, to this document's own URI. Null for a reference to anything
    /// else, which is never fetched.
    /// </summary>
    public string? LocalReference(string reference)
    {
        if (reference.StartsWith("#", StringComparison.Ordinal))
        {
            return reference;
        }

        if (Self is not { } self || reference.Length > 4096 || !Uri.TryCreate(self, reference, out Uri? target))
        {
            return null;
        }

        return Uri.Compare(self, target, UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped, StringComparison.Ordinal) == 0
            ? (target.Fragment.Length == 0 ? "#" : target.Fragment)
            : null;
    }

    /// <summary>Returns the node a reference into this document (<c>#/components/schemas/X</c>, or one by <c>$self</c>) points to, or null.</summary>
    public SpecNode? Resolve(string reference)
    {
        if (LocalReference(reference) is not { } local)
        {
            return null;
        }

        reference = local;

        SpecNode current = Root;
        string pointer = Uri.UnescapeDataString(reference.Substring(1));
        if (pointer.Length == 0)
        {
            return current;
        }

        foreach (string rawSegment in pointer.Substring(1).Split('/'))
        {
            string segment = rawSegment.Replace("~1", "/").Replace("~0", "~");
            switch (current)
            {
                case SpecMap map when map[segment] is { } child:
                    current = child;
                    break;
                case SpecSequence sequence when int.TryParse(segment, out int index) && index >= 0 && index < sequence.Children.Count:
                    current = sequence.Children[index];
                    break;
                default:
                    return null;
            }
        }

        return current;
    }

    public static SpecNode? Get(SpecNode? node, string key) => node is SpecMap map ? map[key] : null;

    public static SpecSequence? GetSequence(SpecNode? node, string key) => Get(node, key) as SpecSequence;

    /// <summary>The text of a scalar member; null when absent, not a scalar, or the YAML null.</summary>
    public static string? GetString(SpecNode? node, string key) => ScalarText(Get(node, key));

    public static bool GetBool(SpecNode? node, string key) => ScalarText(Get(node, key)) is "true" or "True" or "TRUE";

    /// <summary>A scalar's text, or null for the YAML 1.2 core-schema null (plain <c>null</c>, <c>~</c> or empty).</summary>
    public static string? ScalarText(SpecNode? node) => node is SpecScalar scalar && !IsNull(scalar) ? scalar.Value : null;

    /// <summary>Whether a node is a YAML null (quoted <c>'null'</c> is a string).</summary>
    public static bool IsNull(SpecNode? node) =>
        node is SpecScalar { IsPlain: true } scalar && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    public static IReadOnlyList<KeyValuePair<string, SpecNode>> Members(SpecNode? node) =>
        node is SpecMap map ? map.Members : Array.Empty<KeyValuePair<string, SpecNode>>();
}
