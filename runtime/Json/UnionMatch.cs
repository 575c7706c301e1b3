using System.ComponentModel;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>Tells which variant of a generated oneOf/anyOf type a JSON value is.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UnionMatch
{
    /// <summary>Whether <paramref name="element"/> is an object whose <paramref name="member"/> is one of <paramref name="values"/>.</summary>
    public static bool Discriminator(JsonElement element, string member, params string[] values)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(member, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        foreach (string candidate in values)
        {
            if (value.ValueEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the string at <paramref name="path"/> (members of nested objects, such as <c>data</c>, <c>event_type</c>)
    /// is one of <paramref name="values"/>: the discriminator of a webhook event union.
    /// </summary>
    public static bool DiscriminatorAt(JsonElement element, string[] path, params string[] values)
    {
        if (StringElementAt(element, path) is not { } value)
        {
            return false;
        }

        foreach (string candidate in values)
        {
            if (value.ValueEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The string at <paramref name="path"/> (members of nested objects); null when there is none.</summary>
    public static string? StringAt(JsonElement element, params string[] path) => StringElementAt(element, path)?.GetString();

    private static JsonElement? StringElementAt(JsonElement element, string[] path)
    {
        foreach (string member in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(member, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element : null;
    }

    /// <summary>Whether <paramref name="element"/> is an object that has every one of <paramref name="members"/>.</summary>
    public static bool ObjectWith(JsonElement element, params string[] members)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (string member in members)
        {
            if (!element.TryGetProperty(member, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="element"/> is of <paramref name="kind"/> (true and false count as one kind).</summary>
    public static bool Kind(JsonElement element, JsonValueKind kind) =>
        element.ValueKind == kind || (kind == JsonValueKind.True && element.ValueKind == JsonValueKind.False);

    /// <summary>Reads a value from an element with a generated reader.</summary>
    public static T Read<T>(JsonElement element, JsonReadFunc<T> read)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));
        reader.Read();
        return read(ref reader);
    }
}
