using System.Collections.Generic;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>One entry of the <c>errors</c> array the API returns with a failed request.</summary>
public sealed class ApiError
{
    /// <summary>The API's error code, such as <c>10015</c>.</summary>
    public string? Code { get; set; }

    /// <summary>A short, human-readable summary.</summary>
    public string? Title { get; set; }

    /// <summary>A longer explanation of this occurrence.</summary>
    public string? Detail { get; set; }

    /// <summary>A JSON pointer (RFC 6901) to the offending member of the request body, when there is one.</summary>
    public string? SourcePointer { get; set; }

    /// <summary>The query parameter that caused the error, when there is one.</summary>
    public string? SourceParameter { get; set; }

    /// <summary>A link to the documentation of this error code, from <c>meta.url</c>.</summary>
    public string? DocumentationUrl { get; set; }

    /// <summary>Reads the <c>errors</c> array of a body; returns an empty list when the body has none.</summary>
    internal static IReadOnlyList<ApiError> ParseAll(string? body)
    {
        if (body is null || string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("errors", out JsonElement errors) ||
                errors.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var result = new List<ApiError>();
            foreach (JsonElement item in errors.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                JsonElement source = Member(item, "source");
                JsonElement meta = Member(item, "meta");
                result.Add(new ApiError
                {
                    Code = Text(Member(item, "code")),
                    Title = Text(Member(item, "title")),
                    Detail = Text(Member(item, "detail")),
                    SourcePointer = Text(Member(source, "pointer")),
                    SourceParameter = Text(Member(source, "parameter")),
                    DocumentationUrl = Text(Member(meta, "url")),
                });
            }

            return result;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? value : default;

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString()
    {
        string text = Code is null ? Title ?? "" : $"{Code} {Title}";
        if (Detail is not null)
        {
            text += ": " + Detail;
        }

        return SourcePointer is null ? text : $"{text} (at {SourcePointer})";
    }
}
