using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>What <c>…WithResponseAsync</c> gives beyond the value, and how the client names itself.</summary>
public class RawResponseAndUserAgentTests
{
    private const string Body = """{"data":{"id":"7","record_type":"credential_connection","connection_name":"office","brand_new":1}}""";

    [Fact]
    public async Task WithResponseGivesTheRawBodyAsBytesAndTextAndTheContentHeaders()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Body, new Dictionary<string, string> { ["x-request-id"] = "req-raw" }));
        var client = new TelnyxSipClient(server.Options());

        ApiResponse<CredentialConnection> response = await client.CredentialConnections.RetrieveWithResponseAsync("7");

        Assert.Equal("7", response.Value.Id);
        Assert.Equal(Body, response.BodyText);
        Assert.Equal(Encoding.UTF8.GetBytes(Body), response.Body.ToArray());
        Assert.Equal("application/json", response.ContentHeaders?.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetByteCount(Body), response.ContentHeaders?.ContentLength);
        Assert.Equal("req-raw", response.RequestId);
    }

    [Fact]
    public async Task TheUserAgentNamesTheApiTheRuntimeTheOperatingSystemAndTheApplication()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Body));
        TelnyxSipClientOptions options = server.Options();
        options.ApplicationId = "office-provisioner/2.1";
        var client = new TelnyxSipClient(options);

        await client.CredentialConnections.RetrieveAsync("7");

        string userAgent = server.Requests.Single().Headers["User-Agent"]!;
        Assert.StartsWith("Telnyx-SIP-API/2.0.0 Telnyx.Sip.Runtime/0.1.0 (.NET ", userAgent);
        Assert.Contains(RuntimeInformation.FrameworkDescription, userAgent);
        // The OS description has trailing and double spaces (and parentheses) on some systems: one space each, none at the ends.
        string os = string.Join(" ", RuntimeInformation.OSDescription.Replace('(', ' ').Replace(')', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("; " + os + ")", userAgent);
        Assert.EndsWith(") office-provisioner/2.1", userAgent);
        Assert.DoesNotContain("  ", userAgent);
        Assert.DoesNotContain(" )", userAgent);
    }

    [Fact]
    public async Task AClientOfAnotherSpecNamesItsOwnApiInTheUserAgent()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"winner":"X"}"""));
        var options = server.Options<Games.GamesClientOptions>();
        options.ApiKey = "games-key";

        await new Games.GamesClient(options).Board.RetrieveAsync();

        string userAgent = server.Requests.Single().Headers["User-Agent"]!;
        Assert.Matches(@"^Games-API/1\.0\.0 Telnyx\.Sip\.Runtime/0\.1\.0 \(\.NET [^()]+; [^()]+\)$", userAgent);
        Assert.DoesNotContain("Telnyx-SIP", userAgent);
    }

    [Fact]
    public async Task WithoutAnApplicationIdTheUserAgentEndsWithItsComment()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Body));
        var client = new TelnyxSipClient(server.Options());

        await client.CredentialConnections.RetrieveAsync("7");

        string userAgent = server.Requests.Single().Headers["User-Agent"]!;
        Assert.Matches(@"^Telnyx-SIP-API/2\.0\.0 Telnyx\.Sip\.Runtime/0\.1\.0 \(\.NET [^()]+\S; \S[^()]+\S\)$", userAgent);
    }

    [Fact]
    public void AnApplicationIdWithALineBreakIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new TelnyxSipClient(new TelnyxSipClientOptions
        {
            ApiKey = "KEY_TEST_1234567890",
            ApplicationId = "app\r\nX-Evil: 1",
        }));
    }
}
