using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Telnyx.Sip.Emulator.Spec;

/// <summary>
/// Reads an OpenAPI document (YAML or JSON, which is YAML) into <see cref="JsonNode"/>s from YamlDotNet's parser
/// events. Plain scalars are typed by the YAML 1.2 core schema; quoted and block scalars are strings. Aliases are
/// expanded as copies, with bounds on depth and on the number of nodes, so that a hostile document cannot exhaust memory.
/// </summary>
internal static class SpecReader
{
    private const int MaxDepth = 200;
    private const int MaxNodes = 5_000_000;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the position when it is not a YAML mapping.</summary>
    public static JsonObject Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                throw new FormatException("The spec is empty.");
            }

            var builder = new Builder(parser);
            return builder.Node(0) as JsonObject ?? throw new FormatException("The spec's root is not a mapping.");
        }
        catch (YamlException error)
        {
            throw new FormatException($"The spec is not valid YAML at line {error.Start.Line}, column {error.Start.Column}: {error.Message}", error);
        }
    }

    private sealed class Builder(IParser parser)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        public JsonNode? Node(int depth)
        {
            if (depth > MaxDepth || ++_nodes > MaxNodes)
            {
                throw new FormatException($"The spec nests deeper than {MaxDepth} levels or holds more than {MaxNodes} nodes.");
            }

            ParsingEvent current = parser.Current ?? throw new FormatException("The spec ends unexpectedly.");
            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    return Anchor(scalar.Anchor, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? Plain(scalar.Value) : JsonValue.Create(scalar.Value));

                case SequenceStart start:
                {
                    parser.MoveNext();
                    var array = new JsonArray();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        array.Add(Node(depth + 1));
                    }

                    return Anchor(start.Anchor, array);
                }

                case MappingStart start:
                {
                    parser.MoveNext();
                    var map = new JsonObject();
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        JsonNode? key = Node(depth + 1);
                        string name = key is JsonValue value ? value.ToString() : key?.ToJsonString() ?? "null";
                        JsonNode? member = Node(depth + 1);
                        if (name == "<<" && member is JsonObject merged)
                        {
                            // YAML merge key: members the mapping does not set itself.
                            foreach (KeyValuePair<string, JsonNode?> entry in merged)
                            {
                                if (!map.ContainsKey(entry.Key))
                                {
                                    map[entry.Key] = entry.Value?.DeepClone();
                                }
                            }

                            continue;
                        }

                        map[name] = member;
                    }

                    return Anchor(start.Anchor, map);
                }

                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out JsonNode? target))
                    {
                        throw new FormatException($"The alias '*{alias.Value.Value}' has no anchor.");
                    }

                    _nodes += Count(target);
                    return target?.DeepClone();

                default:
                    throw new FormatException($"Unexpected {current.GetType().Name} at line {current.Start.Line}.");
            }
        }

        private JsonNode? Anchor(AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            return node;
        }

        private static int Count(JsonNode? node) => node switch
        {
            JsonObject map => 1 + SumChildren(map),
            JsonArray array => 1 + SumItems(array),
            _ => 1,
        };

        private static int SumChildren(JsonObject map)
        {
            int total = 0;
            foreach (KeyValuePair<string, JsonNode?> member in map)
            {
                total += Count(member.Value);
            }

            return total;
        }

        private static int SumItems(JsonArray array)
        {
            int total = 0;
            foreach (JsonNode? item in array)
            {
                total += Count(item);
            }

            return total;
        }
    }

    /// <summary>Types a plain scalar by the YAML 1.2 core schema.</summary>
    private static JsonNode? Plain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if ((text[0] is >= '0' and <= '9' or '-' or '+' or '.') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) &&
            !double.IsInfinity(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
