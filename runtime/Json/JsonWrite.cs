using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>Writers for the values generated models hold. Null is written as JSON <c>null</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWrite
{
    /// <summary>Writes a nullable integer.</summary>
    public static void Int32(Utf8JsonWriter writer, int? value)
    {
        if (value is { } v) writer.WriteNumberValue(v); else writer.WriteNullValue();
    }

    /// <summary>Writes a nullable 64-bit integer.</summary>
    public static void Int64(Utf8JsonWriter writer, long? value)
    {
        if (value is { } v) writer.WriteNumberValue(v); else writer.WriteNullValue();
    }

    /// <summary>Writes a nullable number.</summary>
    public static void Double(Utf8JsonWriter writer, double? value)
    {
        if (value is { } v) writer.WriteNumberValue(v); else writer.WriteNullValue();
    }

    /// <summary>Writes a nullable boolean.</summary>
    public static void Boolean(Utf8JsonWriter writer, bool? value)
    {
        if (value is { } v) writer.WriteBooleanValue(v); else writer.WriteNullValue();
    }

    /// <summary>Writes a nullable string.</summary>
    public static void String(Utf8JsonWriter writer, string? value)
    {
        if (value is null) writer.WriteNullValue(); else writer.WriteStringValue(value);
    }

    /// <summary>Writes a date and time in ISO 8601 form.</summary>
    public static void DateTimeOffset(Utf8JsonWriter writer, DateTimeOffset? value)
    {
        if (value is { } v) writer.WriteStringValue(v); else writer.WriteNullValue();
    }

    /// <summary>Writes a generated enumeration by its wire string.</summary>
    public static void Enum<T>(Utf8JsonWriter writer, T? value) where T : struct, IJsonEnum<T>
    {
        if (value is { } v) writer.WriteStringValue(v.Value); else writer.WriteNullValue();
    }

    /// <summary>Writes a generated model.</summary>
    public static void Model<T>(Utf8JsonWriter writer, T? value) where T : class, IJsonModel<T>
    {
        if (value is null) writer.WriteNullValue(); else value.WriteJson(writer);
    }

    /// <summary>Writes a raw JSON value; an undefined element is written as null.</summary>
    public static void Element(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) writer.WriteNullValue(); else value.WriteTo(writer);
    }

    /// <summary>Writes a list with a writer for its items.</summary>
    public static void List<T>(Utf8JsonWriter writer, IEnumerable<T>? items, Action<Utf8JsonWriter, T> writeItem)
    {
        if (items is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        if (items is IList<T> list)
        {
            // Indexing avoids boxing the enumerator of each list.
            for (int i = 0; i < list.Count; i++)
            {
                writeItem(writer, list[i]);
            }
        }
        else
        {
            foreach (T item in items)
            {
                writeItem(writer, item);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a map as a JSON object.</summary>
    public static void Map<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>>? map, Action<Utf8JsonWriter, T> writeValue)
    {
        if (map is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (KeyValuePair<string, T> pair in map)
        {
            writer.WritePropertyName(pair.Key);
            writeValue(writer, pair.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the members a model did not know, as they were read.</summary>
    public static void AdditionalProperties(Utf8JsonWriter writer, IDictionary<string, JsonElement>? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonElement> pair in properties)
        {
            writer.WritePropertyName(pair.Key);
            Element(writer, pair.Value);
        }
    }
}
