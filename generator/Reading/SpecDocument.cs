using System;
using System.Collections.Generic;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>
/// A parsed spec: the YAML (or JSON) node tree with line numbers, plain-scalar typing by the YAML 1.2 core schema,
/// and local <c>$ref</c> resolution.
/// </summary>
internal sealed class SpecDocument
{
    private SpecDocument(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    /// <summary>Parses <paramref name="text"/>; on a syntax error returns null and the error's message and position.</summary>
    public static SpecDocument? Parse(string text, out string? error, out Mark errorMark, out YamlNode? rootNode)
    {
        error = null;
        errorMark = Mark.Empty;
        rootNode = null;
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            error = exception.InnerException is { } inner && exception.Message.Contains("See inner exception")
                ? inner.Message
                : exception.Message;
            errorMark = exception.Start;
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this at some unterminated constructs; the last event read is the best position.
            error = "the document ends inside an unterminated collection or scalar";
            errorMark = parser.Current?.Start ?? Mark.Empty;
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            error = "the file is empty";
            return null;
        }

        rootNode = stream.Documents[0].RootNode;
        return rootNode is YamlMappingNode map ? new SpecDocument(map) : null;
    }

    /// <summary>Returns the node a local reference (<c>#/components/schemas/X</c>) points to, or null.</summary>
    public YamlNode? Resolve(string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal))
        {
            return null;
        }

        YamlNode current = Root;
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
                case YamlMappingNode map when Get(map, segment) is { } child:
                    current = child;
                    break;
                case YamlSequenceNode sequence when int.TryParse(segment, out int index) && index >= 0 && index < sequence.Children.Count:
                    current = sequence.Children[index];
                    break;
                default:
                    return null;
            }
        }

        return current;
    }

    public static YamlNode? Get(YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            return null;
        }

        foreach (KeyValuePair<YamlNode, YamlNode> pair in map.Children)
        {
            if (pair.Key is YamlScalarNode scalar && scalar.Value == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    public static YamlMappingNode? GetMap(YamlNode? node, string key) => Get(node, key) as YamlMappingNode;

    public static YamlSequenceNode? GetSequence(YamlNode? node, string key) => Get(node, key) as YamlSequenceNode;

    /// <summary>The text of a scalar member; null when absent, not a scalar, or the YAML null.</summary>
    public static string? GetString(YamlNode? node, string key) => ScalarText(Get(node, key));

    public static bool GetBool(YamlNode? node, string key) => ScalarText(Get(node, key)) is "true" or "True" or "TRUE";

    /// <summary>A scalar's text, or null for the YAML 1.2 core-schema null (plain <c>null</c>, <c>~</c> or empty).</summary>
    public static string? ScalarText(YamlNode? node)
    {
        if (node is not YamlScalarNode scalar)
        {
            return null;
        }

        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && IsNullPlain(scalar.Value))
        {
            return null;
        }

        return scalar.Value;
    }

    /// <summary>Whether a plain scalar is a YAML null (quoted <c>'null'</c> is a string).</summary>
    public static bool IsNull(YamlNode? node) =>
        node is YamlScalarNode scalar && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && IsNullPlain(scalar.Value);

    private static bool IsNullPlain(string? value) => value is null or "" or "~" or "null" or "Null" or "NULL";

    public static IEnumerable<KeyValuePair<string, YamlNode>> Members(YamlNode? node)
    {
        if (node is not YamlMappingNode map)
        {
            yield break;
        }

        foreach (KeyValuePair<YamlNode, YamlNode> pair in map.Children)
        {
            if (pair.Key is YamlScalarNode { Value: { } key })
            {
                yield return new KeyValuePair<string, YamlNode>(key, pair.Value);
            }
        }
    }
}
