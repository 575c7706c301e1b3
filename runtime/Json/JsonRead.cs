using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Readers for the primitive values generated models use. They accept what the API really sends, which is
/// looser than its spec: numbers and booleans as strings (<c>"timeout_2xx_secs": "15"</c>) and a single value
/// where a list is declared (<c>"codecs": "G722"</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonRead
{
    /// <summary>Moves to the first token of a document, failing clearly on an empty one.</summary>
    public static void Start(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            throw new ApiSerializationException("The JSON document is empty.", "$");
        }
    }

    /// <summary>Checks that the current token starts an object.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, string typeName)
    {
        Start(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(ref reader, "an object (" + typeName + ")");
        }
    }

    /// <summary>Reads a string; numbers and booleans are accepted as their text.</summary>
    public static string? String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : NotString(ref reader);

    private static string? NotString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw Mismatch(ref reader, "a string"),
    };

    /// <summary>Reads a string that may not be null.</summary>
    public static string NonNullString(ref Utf8JsonReader reader) => String(ref reader) ?? throw Mismatch(ref reader, "a string");

    /// <summary>Reads a 32-bit integer, also from a string such as <c>"15"</c>.</summary>
    public static int? Int32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out int value):
                return value;
            case JsonTokenType.Number when reader.TryGetDouble(out double real) && real == Math.Floor(real) && real >= int.MinValue && real <= int.MaxValue:
                return (int)real;
            case JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed):
                return parsed;
            default:
                throw Mismatch(ref reader, "a 32-bit integer");
        }
    }

    /// <summary>Reads a 64-bit integer, also from a string.</summary>
    public static long? Int64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out long value):
                return value;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed):
                return parsed;
            default:
                throw Mismatch(ref reader, "a 64-bit integer");
        }
    }

    /// <summary>Reads a number, also from a string.</summary>
    public static double? Double(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out double value):
                return value;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                return parsed;
            default:
                throw Mismatch(ref reader, "a number");
        }
    }

    /// <summary>Reads a boolean, also from <c>"true"</c>/<c>"false"</c>.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out bool parsed):
                return parsed;
            default:
                throw Mismatch(ref reader, "a boolean");
        }
    }

    /// <summary>Reads an ISO 8601 date and time.</summary>
    public static DateTimeOffset? DateTimeOffset(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.TryGetDateTimeOffset(out DateTimeOffset value))
            {
                return value;
            }

            // The API also sends local timestamps without an offset, such as "2021-09-28T15:11:02"; they are UTC.
            if (System.DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset parsed))
            {
                return parsed;
            }
        }

        throw Mismatch(ref reader, "an ISO 8601 date and time");
    }

    /// <summary>Reads a generated enumeration; values the spec does not list are kept as they are.</summary>
    public static T Enum<T>(ref Utf8JsonReader reader) where T : struct, IJsonEnum<T> =>
        default(T).FromWire(EnumWire<T>(ref reader) ?? throw Mismatch(ref reader, "a string"));

    /// <summary>
    /// Reads the wire string of a generated enumeration: a value the spec lists comes back as the enumeration's own
    /// string, without allocating; any other value as <see cref="String"/> reads it.
    /// </summary>
    public static string? EnumWire<T>(ref Utf8JsonReader reader) where T : struct, IJsonEnum<T> =>
        reader.TokenType == JsonTokenType.String && WireStrings<T>.Table.Find(ref reader) is { } known ? known : String(ref reader);

    private static class WireStrings<T> where T : struct, IJsonEnum<T>
    {
        public static readonly KnownStrings Table = new(default(T).WireValues);
    }

    /// <summary>Reads a generated enumeration that may be null.</summary>
    public static T? NullableEnum<T>(ref Utf8JsonReader reader) where T : struct, IJsonEnum<T> =>
        reader.TokenType == JsonTokenType.Null ? null : Enum<T>(ref reader);

    /// <summary>Reads a generated model that may be null.</summary>
    public static T? Model<T>(ref Utf8JsonReader reader, JsonReadFunc<T> read) where T : class, IJsonModel<T> =>
        reader.TokenType == JsonTokenType.Null ? null : read(ref reader);

    /// <summary>Reads any JSON value as it is.</summary>
    public static JsonElement Element(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>Reads an array; a single value where an array is expected becomes a list of one.</summary>
    public static List<T>? List<T>(ref Utf8JsonReader reader, JsonReadFunc<T> readItem)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var list = new List<T>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            list.Add(readItem(ref reader));
            return list;
        }

        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            T item;
            try
            {
                item = readItem(ref reader);
            }
            catch (ApiSerializationException error)
            {
                throw error.Under("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            }

            if (item is GeneratedModel { HasReadIssues: true } model)
            {
                model.Locate(null, "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            }

            list.Add(item);

            index++;
        }

        return list;
    }

    /// <summary>Reads an object whose members all have one type.</summary>
    public static Dictionary<string, T>? Map<T>(ref Utf8JsonReader reader, JsonReadFunc<T> readValue)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch(ref reader, "an object");
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            T value;
            try
            {
                value = readValue(ref reader);
            }
            catch (ApiSerializationException error)
            {
                throw error.Under("." + name);
            }

            if (value is GeneratedModel { HasReadIssues: true } model)
            {
                model.Locate(null, "." + name);
            }

            map[name] = value;
        }

        return map;
    }

    /// <summary>The error for JSON that is not well formed (cut off, bad syntax, nested too deep).</summary>
    public static ApiSerializationException Malformed(JsonException error) =>
        new("The JSON is not well formed: " + error.Message, "$", error);

    /// <summary>The error for a token of the wrong kind.</summary>
    public static ApiSerializationException Mismatch(ref Utf8JsonReader reader, string expected) =>
        new($"Expected {expected} but found {Describe(reader.TokenType)}", "$");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
