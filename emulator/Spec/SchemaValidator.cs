using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Telnyx.Sip.Emulator.Spec;

/// <summary>One way a value breaks its schema: where (a JSON pointer) and why.</summary>
internal readonly record struct Problem(string Pointer, string Detail, string? Parameter = null);

/// <summary>
/// Checks a value against a schema: types, null, enum and const, bounds, lengths, patterns, the formats that can be
/// checked (date-time, date, uuid, uri, email, ipv4, ipv6), items, required and unknown members, and the combinators.
/// </summary>
internal sealed class SchemaValidator(Schemas schemas)
{
    private const int MaxDepth = 64;
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    public List<Problem> Validate(JsonNode? value, JsonNode? schema, string pointer = "")
    {
        var problems = new List<Problem>();
        Check(value, schema, pointer, problems, 0);
        return problems;
    }

    public bool IsValid(JsonNode? value, JsonNode? schema) => Validate(value, schema).Count == 0;

    private void Check(JsonNode? value, JsonNode? node, string pointer, List<Problem> problems, int depth)
    {
        JsonObject? schema = schemas.Resolve(node);
        if (schema is null || depth > MaxDepth)
        {
            return;
        }

        string at = pointer.Length == 0 ? "/" : pointer;
        if (schema["allOf"] is JsonArray all)
        {
            foreach (JsonNode? branch in all)
            {
                Check(value, branch, pointer, problems, depth + 1);
            }
        }

        foreach (string combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema[combinator] is JsonArray branches && branches.Count > 0)
            {
                List<Problem>? first = null;
                bool matched = false;
                foreach (JsonNode? branch in branches)
                {
                    var attempt = new List<Problem>();
                    Check(value, branch, pointer, attempt, depth + 1);
                    if (attempt.Count == 0)
                    {
                        matched = true;
                        break;
                    }

                    first ??= attempt;
                }

                if (!matched)
                {
                    problems.AddRange(first!.Count == 1 ? first : [new Problem(at, "does not match any of the allowed shapes")]);
                    return;
                }
            }
        }

        JsonValueKind kind = Json.Kind(value);
        if (kind == JsonValueKind.Null)
        {
            if (!schemas.AllowsNull(schema))
            {
                problems.Add(new Problem(at, "must not be null"));
            }

            return;
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            problems.Add(new Problem(at, $"must be {constant.ToJsonString()}"));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(option => JsonNode.DeepEquals(option, value)))
        {
            string list = string.Join(", ", allowed.Where(o => o is not null).Select(o => Json.Text(o)));
            problems.Add(new Problem(at, $"must be one of: {list}"));
            return;
        }

        IReadOnlyList<string> types = schemas.Types(schema);
        if (types.Count > 0 && !types.Any(type => Is(value, kind, type)))
        {
            problems.Add(new Problem(at, $"must be {(types.Count == 1 ? Article(types[0]) : "one of " + string.Join(", ", types))}"));
            return;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                CheckString(value!.GetValue<string>(), schema, at, problems);
                break;
            case JsonValueKind.Number:
                CheckNumber(Json.AsDouble(value)!.Value, schema, at, problems);
                break;
            case JsonValueKind.Array:
                CheckArray((JsonArray)value!, schema, pointer, problems, depth);
                break;
            case JsonValueKind.Object:
                CheckObject((JsonObject)value!, schema, pointer, problems, depth);
                break;
        }
    }

    private static bool Is(JsonNode? value, JsonValueKind kind, string type) => type switch
    {
        "string" => kind == JsonValueKind.String,
        "integer" => Json.IsInteger(value),
        "number" => kind == JsonValueKind.Number,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "array" => kind == JsonValueKind.Array,
        "object" => kind == JsonValueKind.Object,
        _ => true,
    };

    private static string Article(string type) => type is "integer" or "object" or "array" ? "an " + type : "a " + type;

    private static void CheckString(string text, JsonObject schema, string at, List<Problem> problems)
    {
        int length = new StringInfo(text).LengthInTextElements;
        if (Schemas.Number(schema, "minLength") is { } min && length < min)
        {
            problems.Add(new Problem(at, $"must be at least {min} characters long"));
        }

        if (Schemas.Number(schema, "maxLength") is { } max && length > max)
        {
            problems.Add(new Problem(at, $"must be at most {max} characters long"));
        }

        if (Schemas.String(schema, "pattern") is { } pattern && Pattern(pattern) is { } regex)
        {
            bool matches;
            try
            {
                matches = regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                matches = true;
            }

            if (!matches)
            {
                problems.Add(new Problem(at, $"must match the pattern {pattern}"));
            }
        }

        if (Schemas.String(schema, "format") is { } format && !FormatHolds(format, text))
        {
            problems.Add(new Problem(at, $"must be a valid {format}"));
        }
    }

    private static Regex? Pattern(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null; // An ECMA-262 construct .NET does not read: not checked.
        }
    });

    private static readonly Regex DateTime = new(
        @"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);

    private static readonly Regex Email = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

    public static bool FormatHolds(string format, string text) => format switch
    {
        "date-time" => DateTime.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => System.DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" => Guid.TryParseExact(text, "D", out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme.Length > 0 && !text.Contains(' '),
        "email" => Email.IsMatch(text),
        "ipv4" => IPAddress.TryParse(text, out IPAddress? v4) && v4.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3,
        "ipv6" => IPAddress.TryParse(text, out IPAddress? v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    private static void CheckNumber(double number, JsonObject schema, string at, List<Problem> problems)
    {
        if (Schemas.Number(schema, "minimum") is { } min && (Schemas.Bool(schema, "exclusiveMinimum") ? number <= min : number < min))
        {
            problems.Add(new Problem(at, $"must be {(Schemas.Bool(schema, "exclusiveMinimum") ? "more than" : "at least")} {min.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (Schemas.Number(schema, "maximum") is { } max && (Schemas.Bool(schema, "exclusiveMaximum") ? number >= max : number > max))
        {
            problems.Add(new Problem(at, $"must be {(Schemas.Bool(schema, "exclusiveMaximum") ? "less than" : "at most")} {max.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (Schemas.Number(schema, "exclusiveMinimum") is { } exclusiveMin && number <= exclusiveMin)
        {
            problems.Add(new Problem(at, $"must be more than {exclusiveMin.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (Schemas.Number(schema, "exclusiveMaximum") is { } exclusiveMax && number >= exclusiveMax)
        {
            problems.Add(new Problem(at, $"must be less than {exclusiveMax.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (Schemas.Number(schema, "multipleOf") is { } step && step > 0 && Math.Abs(Math.IEEERemainder(number, step)) > 1e-9)
        {
            problems.Add(new Problem(at, $"must be a multiple of {step.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private void CheckArray(JsonArray array, JsonObject schema, string pointer, List<Problem> problems, int depth)
    {
        string at = pointer.Length == 0 ? "/" : pointer;
        if (Schemas.Number(schema, "minItems") is { } min && array.Count < min)
        {
            problems.Add(new Problem(at, $"must hold at least {min} items"));
        }

        if (Schemas.Number(schema, "maxItems") is { } max && array.Count > max)
        {
            problems.Add(new Problem(at, $"must hold at most {max} items"));
        }

        if (Schemas.Bool(schema, "uniqueItems"))
        {
            for (int i = 1; i < array.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                    {
                        problems.Add(new Problem($"{pointer}/{i}", "repeats an earlier item; the items must be unique"));
                    }
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{pointer}/{i}", problems, depth + 1);
            }
        }
    }

    private void CheckObject(JsonObject value, JsonObject schema, string pointer, List<Problem> problems, int depth)
    {
        foreach (string name in schemas.Required(schema))
        {
            if (!value.ContainsKey(name))
            {
                problems.Add(new Problem($"{pointer}/{Escape(name)}", "is required"));
            }
        }

        IReadOnlyList<KeyValuePair<string, JsonNode?>> properties = schemas.Properties(schema);
        JsonNode? additional = schema["additionalProperties"];
        foreach (KeyValuePair<string, JsonNode?> member in value)
        {
            string at = $"{pointer}/{Escape(member.Key)}";
            JsonNode? propertySchema = properties.FirstOrDefault(p => p.Key == member.Key).Value;
            if (propertySchema is not null)
            {
                Check(member.Value, propertySchema, at, problems, depth + 1);
            }
            else if (additional is JsonValue flag && flag.TryGetValue(out bool allowed) && !allowed && schema["allOf"] is null)
            {
                problems.Add(new Problem(at, "is not a member this object has"));
            }
            else if (additional is JsonObject additionalSchema)
            {
                Check(member.Value, additionalSchema, at, problems, depth + 1);
            }
        }
    }

    public static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
}
