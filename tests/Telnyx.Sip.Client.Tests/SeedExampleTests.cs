using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// The response examples of the documents the product was specified from (../shared/seeds) read through the
/// generated models without error, quirks included ("timeout_2xx_secs": "15", "codecs": "G722").
/// </summary>
public class SeedExampleTests
{
    private static string SeedsDirectory
    {
        get
        {
            string directory = Path.GetFullPath(Path.Combine(RepoRootFinder.Find(), "..", "shared", "seeds"));
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException(
                    $"The seed documents are not at {directory}. These tests read ../shared/seeds beside the repository; check it out there.");
            }

            return directory;
        }
    }

    public static IEnumerable<object[]> ResponseExamples() =>
        Directory.GetFiles(SeedsDirectory, "*.txt").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(file => JsonBlocks(File.ReadAllText(file)).Select((json, index) => (file, json, index)))
            .Where(example => example.json.Contains("\"data\"", StringComparison.Ordinal))
            .Select(example => new object[] { $"{Path.GetFileName(example.file)}#{example.index}", example.json });

    [Fact]
    public void TheSeedsHoldResponseExamplesWithTheApisQuirks()
    {
        var examples = ResponseExamples().Select(e => (string)e[1]).ToList();
        Assert.True(examples.Count >= 10, $"Expected at least 10 response examples in the seeds, found {examples.Count}.");
        Assert.Contains(examples, json => json.Contains("\"timeout_2xx_secs\": \"15\"", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void EveryResponseExampleReadsWithoutError(string example, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement data = document.RootElement.GetProperty("data");
        var items = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList() : [data];
        Assert.NotEmpty(items);
        foreach (JsonElement item in items)
        {
            string recordType = item.TryGetProperty("record_type", out JsonElement type) ? type.GetString() ?? "" : "";
            string written = ReadAndWrite(recordType, item.GetRawText());

            // Nothing is lost: every member of the example is written back.
            using JsonDocument rewritten = JsonDocument.Parse(written);
            Assert.Equal(item.EnumerateObject().Select(p => p.Name).Order(), rewritten.RootElement.EnumerateObject().Select(p => p.Name).Order());
        }

        Assert.False(string.IsNullOrEmpty(example));
    }

    private static string ReadAndWrite(string recordType, string json) => recordType switch
    {
        "credential_connection" => Json.Write(Json.Read<CredentialConnection>(json)),
        "fqdn_connection" => Json.Write(Json.Read<FqdnConnection>(json)),
        "ip_connection" => Json.Write(Json.Read<IpConnection>(json)),
        "fqdn" => Json.Write(Json.Read<Fqdn>(json)),
        "ip" => Json.Write(Json.Read<Ip>(json)),
        "outbound_voice_profile" => Json.Write(Json.Read<OutboundVoiceProfile>(json)),
        "registration_status" => Json.Write(Json.Read<RegistrationStatus>(json)),
        _ => Json.Write(Json.Read<Connection>(json)),
    };

    /// <summary>The seeds are rendered documentation: JSON with "- " list markers before members. This undoes that.</summary>
    internal static IEnumerable<string> JsonBlocks(string text)
    {
        foreach (Match start in Regex.Matches(text, @"(?m)^\{"))
        {
            int depth = 0;
            bool inString = false, escaped = false;
            for (int i = start.Index; i < text.Length; i++)
            {
                char c = text[i];
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"') inString = false;
                    continue;
                }

                if (c == '"') inString = true;
                else if (c is '{' or '[') depth++;
                else if (c is '}' or ']' && --depth == 0)
                {
                    string block = text.Substring(start.Index, i - start.Index + 1);
                    block = Regex.Replace(block, @"(?m)^- ", "");
                    yield return Regex.Replace(block, @"([\{\[,]) ?- ", "$1 ");
                    break;
                }
            }
        }
    }
}
