using Telnyx.Sip.Runtime;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// One type per concept: a value read from one model can be assigned to another that declares the same concept,
/// with no conversion, and it travels unchanged.
/// </summary>
public class SharedTypesTests
{
    [Fact]
    public async Task AWebhookApiVersionReadFromAConnectionIsAssignedToAnUpdateRequestAndSentUnchanged()
    {
        await using var server = new LoopbackServer(request => new CannedResponse(200, request.Method == "GET"
            ? """{"data":{"id":"1","connection_name":"office","webhook_api_version":"2"}}"""
            : """{"data":{"id":"1"}}"""));
        var client = new TelnyxSipClient(server.Options());

        IpConnection connection = await client.IpConnections.RetrieveAsync("1");
        var update = new UpdateIpConnectionRequest();
        update.WebhookApiVersion = connection.WebhookApiVersion;
        var credentialUpdate = new UpdateCredentialConnectionRequest { WebhookApiVersion = connection.WebhookApiVersion };
        await client.IpConnections.UpdateAsync("1", update);

        Assert.Equal(WebhookApiVersion.V2, update.WebhookApiVersion);
        Assert.Equal(WebhookApiVersion.V2, credentialUpdate.WebhookApiVersion);
        ReceivedRequest sent = server.Requests.Last();
        Assert.Equal("PATCH", sent.Method);
        Json.AssertSame("""{"webhook_api_version":"2"}""", sent.Body);
    }

    [Fact]
    public void AnUnlistedWebhookApiVersionSurvivesTheCopy()
    {
        IpConnection connection = Json.Read<IpConnection>("""{"id":"1","webhook_api_version":"3"}""");
        var update = new UpdateIpConnectionRequest { WebhookApiVersion = connection.WebhookApiVersion };

        Assert.False(update.WebhookApiVersion!.Value.IsKnown);
        Json.AssertSame("""{"webhook_api_version":"3"}""", Json.Write(update));
    }

    [Fact]
    public async Task ACallingWindowReadFromAProfileIsAssignedToAnUpdateRequestAndSentUnchanged()
    {
        const string window = """{"calls_per_cld":5,"end_time":"20:00:00.00Z","start_time":"08:00:00.00Z","later_member":true}""";
        await using var server = new LoopbackServer(request => new CannedResponse(200, request.Method == "GET"
            ? """{"data":{"id":"1","name":"office","calling_window":""" + window + "}}"
            : """{"data":{"id":"1","name":"office"}}"""));
        var client = new TelnyxSipClient(server.Options());

        OutboundVoiceProfile profile = await client.OutboundVoiceProfiles.RetrieveAsync("1");
        var update = new UpdateOutboundVoiceProfileRequest { Name = profile.Name, CallingWindow = profile.CallingWindow };
        var create = new CreateOutboundVoiceProfileRequest { Name = "copy", CallingWindow = profile.CallingWindow };
        await client.OutboundVoiceProfiles.UpdateAsync("1", update);

        CallingWindow copied = update.CallingWindow!;
        Assert.Same(profile.CallingWindow, copied);
        Assert.Same(copied, create.CallingWindow);
        Assert.Equal(5, copied.CallsPerCld);
        using JsonDocument body = JsonDocument.Parse(server.Requests.Last().Body);
        Json.AssertSame(window, body.RootElement.GetProperty("calling_window").GetRawText());
    }
}
