using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Turns a body into text fit for a log: JSON with every secret member's value replaced by <c>"***"</c>, and the API
/// key removed wherever it appears. Secret members are those the spec marks (<c>writeOnly</c>, <c>format: password</c>)
/// and those whose name says <c>password</c> or <c>secret</c> or ends in <c>token</c>, as models print them.
/// </summary>
internal sealed class BodyRedaction(IReadOnlyCollection<string> specSecrets, IEnumerable<string> credentials)
{
    private const int MaxLength = 16 * 1024;

    private readonly HashSet<string> _secrets = new(specSecrets, StringComparer.OrdinalIgnoreCase);

    public string ToLogText(ReadOnlySpan<byte> body, string? mediaType)
    {
        if (body.IsEmpty)
        {
            return "(empty)";
        }

        string text;
        if (mediaType is null || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                text = RedactJson(body);
            }
            catch (JsonException)
            {
                return $"({body.Length} bytes, not valid JSON)";
            }
        }
        else
        {
            return $"({body.Length} bytes of {mediaType})";
        }

        text = WithoutCredentials(text, credentials);
        return text.Length > MaxLength ? text.Substring(0, MaxLength) + "…" : text;
    }

    /// <summary>Replaces every occurrence of a credential in <paramref name="text"/> with <c>***</c>.</summary>
    public static string WithoutCredentials(string text, IEnumerable<string> credentials)
    {
        foreach (string credential in credentials)
        {
            if (credential.Length > 0)
            {
                text = text.Replace(credential, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private string RedactJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var buffer = new ArrayBufferWriter<byte>(body.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            bool secret = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        string name = reader.GetString()!;
                        secret = IsSecret(name);
                        writer.WritePropertyName(name);
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when secret:
                        reader.Skip();
                        writer.WriteStringValue("***");
                        break;
                    case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False when secret:
                        writer.WriteStringValue("***");
                        break;
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(reader.ValueSpan.Length == 0 ? "" : reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                }

                secret = false;
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private bool IsSecret(string name) =>
        _secrets.Contains(name) ||
        name.Contains("password", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("secret", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith("token", StringComparison.OrdinalIgnoreCase);
}
