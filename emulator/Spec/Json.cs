using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telnyx.Sip.Emulator.Spec;

/// <summary>Small, reflection-free helpers over <see cref="JsonNode"/> values, whichever way they were created.</summary>
internal static class Json
{
    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static double? AsDouble(JsonNode? node) =>
        Kind(node) == JsonValueKind.Number &&
        double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : null;

    public static bool IsInteger(JsonNode? node) =>
        Kind(node) == JsonValueKind.Number && AsDouble(node) is { } value && Math.Floor(value) == value && !double.IsInfinity(value);

    public static string? AsString(JsonNode? node) => Kind(node) == JsonValueKind.String ? node!.GetValue<string>() : null;

    /// <summary>The value as query-string text: strings as they are, other scalars as JSON.</summary>
    public static string Text(JsonNode? node) => AsString(node) ?? node?.ToJsonString() ?? "null";

    public static JsonValue Number(double value) =>
        Math.Floor(value) == value && Math.Abs(value) < 9e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    /// <summary>Orders two values for sorting: null first, then booleans, numbers and strings (ordinal), then by JSON text.</summary>
    public static int Compare(JsonNode? left, JsonNode? right)
    {
        JsonValueKind a = Kind(left), b = Kind(right);
        if (a == JsonValueKind.Null || b == JsonValueKind.Null)
        {
            return (a == JsonValueKind.Null ? 0 : 1) - (b == JsonValueKind.Null ? 0 : 1);
        }

        if (AsDouble(left) is { } x && AsDouble(right) is { } y)
        {
            return x.CompareTo(y);
        }

        if (a is JsonValueKind.True or JsonValueKind.False && b is JsonValueKind.True or JsonValueKind.False)
        {
            return (a == JsonValueKind.True ? 1 : 0) - (b == JsonValueKind.True ? 1 : 0);
        }

        return string.CompareOrdinal(Text(left), Text(right));
    }

    /// <summary>Follows a dotted path (<c>outbound.outbound_voice_profile_id</c>), or the member whose name is the whole path.</summary>
    public static bool TryGetPath(JsonObject item, string path, out JsonNode? value)
    {
        if (item.TryGetPropertyValue(path, out value))
        {
            return true;
        }

        JsonNode? current = item;
        foreach (string segment in path.Split('.'))
        {
            if (current is not JsonObject map || !map.TryGetPropertyValue(segment, out current))
            {
                value = null;
                return false;
            }
        }

        value = current;
        return true;
    }
}
