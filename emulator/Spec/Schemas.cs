using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Telnyx.Sip.Emulator.Spec;

/// <summary>
/// Reads facts from the schemas of one document: local <c>$ref</c>s, types (OpenAPI 3.0 <c>nullable</c> and 3.1
/// type arrays), properties and <c>required</c> with <c>allOf</c> merged. Every walk is bounded.
/// </summary>
internal sealed class Schemas(JsonObject root)
{
    private const int MaxRefChain = 64;

    public JsonObject Root { get; } = root;

    /// <summary>Follows <c>$ref</c> (local only) until a node without one; null when it points nowhere.</summary>
    public JsonObject? Resolve(JsonNode? node)
    {
        for (int i = 0; i < MaxRefChain; i++)
        {
            if (node is not JsonObject map)
            {
                return null;
            }

            if (map["$ref"] is not JsonValue reference || !reference.TryGetValue(out string? pointer))
            {
                return map;
            }

            node = Pointer(pointer);
        }

        return null;
    }

    /// <summary>The node a local JSON pointer (<c>#/components/schemas/X</c>) names, or null.</summary>
    public JsonNode? Pointer(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        JsonNode? current = Root;
        string pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0)
        {
            return current;
        }

        foreach (string raw in pointer[1..].Split('/'))
        {
            string segment = raw.Replace("~1", "/").Replace("~0", "~");
            current = current switch
            {
                JsonObject map => map[segment],
                JsonArray array when int.TryParse(segment, out int index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The <c>$ref</c> text of a node, used as the identity of a named schema.</summary>
    public static string? RefOf(JsonNode? node) =>
        node is JsonObject map && map["$ref"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>The declared types, without <c>null</c>; empty when the schema does not say.</summary>
    public IReadOnlyList<string> Types(JsonObject schema)
    {
        var types = new List<string>();
        switch (schema["type"])
        {
            case JsonValue single when single.TryGetValue(out string? name) && name != "null":
                types.Add(name);
                break;
            case JsonArray many:
                types.AddRange(many.OfType<JsonValue>().Select(v => v.TryGetValue(out string? n) ? n : null).Where(n => n is not null && n != "null")!);
                break;
        }

        if (types.Count == 0)
        {
            if (schema["properties"] is JsonObject)
            {
                types.Add("object");
            }
            else if (schema["items"] is JsonObject)
            {
                types.Add("array");
            }
        }

        return types;
    }

    /// <summary>Whether null is allowed: a 3.1 type array with <c>"null"</c>, 3.0 <c>nullable: true</c>, or a null in <c>enum</c>.</summary>
    public bool AllowsNull(JsonNode? node, int depth = 0)
    {
        JsonObject? schema = Resolve(node);
        if (schema is null || depth > 16)
        {
            return schema is null;
        }

        if (schema["nullable"] is JsonValue nullable && nullable.TryGetValue(out bool yes) && yes)
        {
            return true;
        }

        if (schema["type"] is JsonArray types && types.Any(t => t is JsonValue v && v.TryGetValue(out string? n) && n == "null"))
        {
            return true;
        }

        if (schema["type"] is JsonValue type && type.TryGetValue(out string? single) && single == "null")
        {
            return true;
        }

        foreach (string combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema[combinator] is JsonArray branches && branches.Any(b => AllowsNull(b, depth + 1)))
            {
                return true;
            }
        }

        if (schema["allOf"] is JsonArray all && all.Count > 0)
        {
            return all.All(b => AllowsNull(b, depth + 1)) && schema["type"] is null;
        }

        return schema["type"] is null && schema["properties"] is null && schema["items"] is null && schema["enum"] is null &&
               schema["const"] is null && schema["oneOf"] is null && schema["anyOf"] is null && schema["allOf"] is null;
    }

    /// <summary>The properties of an object schema, with those of its <c>allOf</c> branches.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Properties(JsonNode? node)
    {
        var result = new List<KeyValuePair<string, JsonNode?>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(Resolve(node), 0);
        return result;

        void Collect(JsonObject? schema, int depth)
        {
            if (schema is null || depth > 16)
            {
                return;
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (KeyValuePair<string, JsonNode?> property in properties)
                {
                    if (seen.Add(property.Key))
                    {
                        result.Add(property);
                    }
                }
            }

            if (schema["allOf"] is JsonArray branches)
            {
                foreach (JsonNode? branch in branches)
                {
                    Collect(Resolve(branch), depth + 1);
                }
            }
        }
    }

    /// <summary>The schema of one property, or null.</summary>
    public JsonNode? Property(JsonNode? schema, string name)
    {
        foreach (KeyValuePair<string, JsonNode?> property in Properties(schema))
        {
            if (property.Key == name)
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>The names an object schema requires, with those of its <c>allOf</c> branches.</summary>
    public IReadOnlyList<string> Required(JsonNode? node)
    {
        var result = new List<string>();
        Collect(Resolve(node), 0);
        return result.Distinct(StringComparer.Ordinal).ToList();

        void Collect(JsonObject? schema, int depth)
        {
            if (schema is null || depth > 16)
            {
                return;
            }

            if (schema["required"] is JsonArray required)
            {
                result.AddRange(required.OfType<JsonValue>().Select(v => v.TryGetValue(out string? n) ? n : null).Where(n => n is not null)!);
            }

            if (schema["allOf"] is JsonArray branches)
            {
                foreach (JsonNode? branch in branches)
                {
                    Collect(Resolve(branch), depth + 1);
                }
            }
        }
    }

    public static string? String(JsonNode? node, string key) =>
        node is JsonObject map && map[key] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    public static bool Bool(JsonNode? node, string key) =>
        node is JsonObject map && map[key] is JsonValue value && value.TryGetValue(out bool flag) && flag;

    public static double? Number(JsonNode? node, string key) =>
        node is JsonObject map && map[key] is JsonValue value ? Json.AsDouble(value) : null;
}
