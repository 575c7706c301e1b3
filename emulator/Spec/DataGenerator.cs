using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Telnyx.Sip.Emulator.Spec;

/// <summary>
/// Makes a value valid for a schema, deterministically: the schema's own example when it is valid, else its
/// <c>const</c>, default or first enum value, else a value by type and format (timestamps from the emulator's clock).
/// </summary>
internal sealed class DataGenerator(Schemas schemas, SchemaValidator validator, Func<DateTimeOffset> now, Func<Guid> newGuid)
{
    private const int MaxDepth = 12;

    public JsonNode? Generate(JsonNode? node, string name = "", int depth = 0)
    {
        JsonObject? schema = schemas.Resolve(node);
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }

        foreach (JsonNode? candidate in Candidates(schema))
        {
            if (candidate is not null && validator.IsValid(candidate, schema))
            {
                return candidate.DeepClone();
            }
        }

        if (schema["allOf"] is JsonArray all && all.Count > 0)
        {
            var merged = new JsonObject();
            foreach (JsonNode? branch in all)
            {
                if (Generate(branch, name, depth + 1) is JsonObject part)
                {
                    foreach (KeyValuePair<string, JsonNode?> member in part.ToList())
                    {
                        part.Remove(member.Key);
                        merged[member.Key] = member.Value;
                    }
                }
            }

            foreach (KeyValuePair<string, JsonNode?> property in schemas.Properties(schema))
            {
                if (!merged.ContainsKey(property.Key))
                {
                    merged[property.Key] = Generate(property.Value, property.Key, depth + 1);
                }
            }

            return merged;
        }

        foreach (string combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema[combinator] is JsonArray branches && branches.Count > 0)
            {
                // The first branch whose value is not null.
                foreach (JsonNode? branch in branches)
                {
                    if (Generate(branch, name, depth + 1) is { } value)
                    {
                        return value;
                    }
                }

                return null;
            }
        }

        string? type = schemas.Types(schema).FirstOrDefault();
        return type switch
        {
            "string" => JsonValue.Create(String(schema, name)),
            "integer" => Json.Number(Math.Ceiling(Bound(schema))),
            "number" => Json.Number(Bound(schema)),
            "boolean" => JsonValue.Create(false),
            "array" => Array(schema, name, depth),
            "object" => Object(schema, depth),
            _ => schemas.AllowsNull(schema) ? null : JsonValue.Create(name),
        };
    }

    /// <summary>The values a schema offers itself: example(s), const, default, enum (non-null first).</summary>
    private static IEnumerable<JsonNode?> Candidates(JsonObject schema)
    {
        yield return schema["example"];
        if (schema["examples"] is JsonArray examples)
        {
            foreach (JsonNode? example in examples)
            {
                yield return example;
            }
        }

        yield return schema["const"];
        yield return schema["default"];
        if (schema["enum"] is JsonArray values)
        {
            foreach (JsonNode? value in values)
            {
                yield return value;
            }
        }
    }

    /// <summary>A string for the schema's format, padded or cut to its length bounds.</summary>
    public string String(JsonObject schema, string name)
    {
        string text = Schemas.String(schema, "format") switch
        {
            "date-time" => Timestamp(now()),
            "date" => now().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => now().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "uuid" => newGuid().ToString("D"),
            "uri" or "url" => "https://example.com/" + Uri.EscapeDataString(name.Length == 0 ? "resource" : name),
            "email" => "user@example.com",
            "hostname" => "sip.example.com",
            "ipv4" => "192.0.2.10",
            "ipv6" => "2001:db8::10",
            _ => name.Length == 0 ? "text" : name,
        };
        int min = (int)(Schemas.Number(schema, "minLength") ?? 0);
        int max = (int)Math.Min(Schemas.Number(schema, "maxLength") ?? int.MaxValue, int.MaxValue);
        if (text.Length < min)
        {
            text = text.PadRight(min, 'x');
        }

        return text.Length > max ? text[..max] : text;
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double Bound(JsonObject schema)
    {
        double? min = Schemas.Number(schema, "minimum") ?? Schemas.Number(schema, "exclusiveMinimum") + 1;
        double? max = Schemas.Number(schema, "maximum") ?? Schemas.Number(schema, "exclusiveMaximum") - 1;
        if (min is { } low && Schemas.Bool(schema, "exclusiveMinimum"))
        {
            min = low + 1;
        }

        double value = min ?? Math.Min(1, max ?? 1);
        return max is { } high && value > high ? high : value;
    }

    private JsonArray Array(JsonObject schema, string name, int depth)
    {
        var array = new JsonArray();
        int count = (int)Math.Max(1, Schemas.Number(schema, "minItems") ?? 1);
        if (Schemas.Number(schema, "maxItems") is { } max)
        {
            count = (int)Math.Min(count, max);
        }

        for (int i = 0; i < count && depth < MaxDepth; i++)
        {
            array.Add(Generate(schema["items"], name, depth + 1));
        }

        return array;
    }

    private JsonObject Object(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        IReadOnlyList<string> required = schemas.Required(schema);
        foreach (KeyValuePair<string, JsonNode?> property in schemas.Properties(schema))
        {
            // Optional members stop a few levels down, so that recursive schemas end.
            if (depth < 6 || required.Contains(property.Key))
            {
                JsonNode? value = Generate(property.Value, property.Key, depth + 1);
                if (value is not null || schemas.AllowsNull(property.Value))
                {
                    result[property.Key] = value;
                }
            }
        }

        return result;
    }
}
