using System.Text;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Finds the API's own words in an error body that has no <c>errors</c> array: <c>message</c>, <c>error.message</c>,
/// <c>error</c> (a string), <c>title</c> and <c>detail</c> (RFC 9457), or, for a body that is not JSON (an HTML page
/// from a proxy, plain text), its first <see cref="MaxLength"/> characters.
/// </summary>
internal static class ErrorText
{
    /// <summary>How much of a body that is not JSON goes into a message.</summary>
    public const int MaxLength = 200;

    public static string? From(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body!);
        }
        catch (JsonException)
        {
            return Start(body!);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return Start(root.GetString()!);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (Text(root, "message") is { } message)
            {
                return message;
            }

            if (root.TryGetProperty("error", out JsonElement error))
            {
                if (error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 } errorText)
                {
                    return Text(root, "error_description") is { } description ? $"{errorText}: {description}" : errorText;
                }

                if (error.ValueKind == JsonValueKind.Object && (Text(error, "message") ?? Text(error, "detail")) is { } nested)
                {
                    return nested;
                }
            }

            string? title = Text(root, "title");
            string? detail = Text(root, "detail");
            return title is not null && detail is not null ? $"{title}: {detail}" : title ?? detail;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) &&
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? Start(text)
            : null;

    /// <summary>The first characters of <paramref name="text"/>, on one line, with runs of white space as one space.</summary>
    private static string Start(string text)
    {
        var builder = new StringBuilder(MaxLength + 1);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            if (builder.Length >= MaxLength)
            {
                return builder.ToString(0, MaxLength) + "…";
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
