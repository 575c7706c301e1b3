using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>What IntelliSense shows for the generated SIP client reads right.</summary>
public class DocumentationTests
{
    private static readonly (string Name, string Text)[] Files = GeneratorHarness.Run(GeneratorHarness.SipSpecText).Result.Results
        .Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToArray();

    [Fact]
    public void NoDocCommentShowsEscapedMarkup()
    {
        var escaped = Files.SelectMany(f => f.Text.Split('\n').Where(l => l.TrimStart().StartsWith("///") && Regex.IsMatch(l, "&lt;/?(c|see|paramref|code)\\b")).Select(l => f.Name + ": " + l.Trim()));
        Assert.Empty(escaped);
    }

    [Fact]
    public void ResponseOnlyModelsMakeNoClaimAboutSending()
    {
        string model = Files.Single(f => f.Name == "Telnyx.Sip.CredentialConnection.g.cs").Text;
        string request = Files.Single(f => f.Name == "Telnyx.Sip.UpdateCredentialConnectionRequest.g.cs").Text;

        Assert.DoesNotContain("Only the properties you", model);
        Assert.DoesNotContain("Assigning null sends", model);
        Assert.Contains("Only the properties you set are sent", request);
    }

    [Fact]
    public void EveryOperationListsTheExceptionsItCanThrow()
    {
        int methods = 0;
        foreach ((string name, string text) in Files.Where(f => f.Name.EndsWith("Client.g.cs")))
        {
            foreach (Match method in Regex.Matches(text, @"((?:\s*///.*\n)+)(?:\s*\[.*\]\n)*\s*public virtual [^\n]*Async\(", RegexOptions.None))
            {
                string doc = method.Groups[1].Value;
                methods++;
                foreach (string exception in new[] { "ApiException", "ApiTimeoutException", "ApiConnectionException", "OperationCanceledException" })
                {
                    Assert.True(doc.Contains($"{exception}\">"), $"{name}: a method's docs lack {exception}:\n{method.Value}");
                }
            }
        }

        Assert.True(methods >= 64, $"Only {methods} operation methods found: 36 operations, each but the 8 lists with a WithResponse twin.");
    }
}
