using Telnyx.Sip.Runtime;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class ModelTests
{
    public static TheoryData<string> AnchorsiteWireValues => new(
        "Latency", "Chicago, IL", "Ashburn, VA", "San Jose, CA", "Sydney, Australia", "Amsterdam, Netherlands",
        "London, UK", "Toronto, Canada", "Vancouver, Canada", "Frankfurt, Germany");

    [Theory]
    [MemberData(nameof(AnchorsiteWireValues))]
    public void EveryAnchorsiteValueRoundTripsExactly(string wire)
    {
        string json = JsonSerializer.Serialize(new { id = "1", anchorsite_override = wire });
        CredentialConnection connection = Json.Read<CredentialConnection>(json);

        Assert.True(connection.AnchorsiteOverride!.Value.IsKnown);
        Assert.Equal(wire, connection.AnchorsiteOverride.Value.Value);
        Json.AssertSame(json, Json.Write(connection));
    }

    [Fact]
    public void EnumMembersHaveCleanNamesAndExactWireStrings()
    {
        Assert.Equal("Chicago, IL", AnchorsiteOverride.ChicagoIL.Value);
        Assert.Equal("RFC 2833", DtmfType.Rfc2833.Value);
        Assert.Equal("SIP INFO", DtmfType.SipInfo.Value);
        Assert.Equal("+E.164", AniNumberFormat.PlusE164.Value);
        Assert.Equal("E.164-national", AniNumberFormat.E164National.Value);
        Assert.Equal("+e164", DnisNumberFormat.PlusE164.Value);
        Assert.Equal("rtcp-mux", ConnectionRtcpSettingsPort.RtcpMux.Value);
        Assert.Equal("-name", OutboundVoiceProfileSort.NameDescending.Value);
        Assert.Equal("texml", CreateCredentialConnectionRequestWebhookApiVersion.Texml.Value);
        Assert.Equal("1", CreateCredentialConnectionRequestWebhookApiVersion.V1.Value);
    }

    [Fact]
    public void AnUnknownEnumValueIsKeptAndSentBackUnchanged()
    {
        const string json = """{"id":"1","anchorsite_override":"Mars, Olympus Mons","dtmf_type":"RFC 4733"}""";
        CredentialConnection connection = Json.Read<CredentialConnection>(json);

        Assert.False(connection.AnchorsiteOverride!.Value.IsKnown);
        Assert.NotEqual(AnchorsiteOverride.Latency, connection.AnchorsiteOverride.Value);
        Assert.Equal("Mars, Olympus Mons", connection.AnchorsiteOverride.Value.ToString());
        Json.AssertSame(json, Json.Write(connection));
    }

    [Theory]
    [MemberData(nameof(AnchorsiteWireValues))]
    public void ListedEnumValuesAreReadAsTheEnumerationsOwnStringsWithoutACopy(string wire)
    {
        string json = JsonSerializer.Serialize(new { id = "1", anchorsite_override = wire });
        string constant = typeof(AnchorsiteOverride).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(AnchorsiteOverride))
            .Select(p => ((AnchorsiteOverride)p.GetValue(null)!).Value)
            .Single(v => v == wire); // AnchorsiteOverride.ChicagoIl and the others hold the Wire constants themselves

        CredentialConnection connection = Json.Read<CredentialConnection>(json);

        Assert.Same(constant, connection.AnchorsiteOverride!.Value.Value); // before: an equal string, decoded afresh
    }

    [Theory]
    [InlineData("\"Chicago, I\\u004c\"", "Chicago, IL", true)] // escaped: decoded, still equal to the listed value
    [InlineData("\"Chicago, il\"", "Chicago, il", false)]         // same length, other bytes
    [InlineData("\"Chicago, IL \"", "Chicago, IL ", false)]       // a listed value plus one byte
    [InlineData("\"\"", "", false)]
    [InlineData("42", "42", false)]                             // a number where a string was expected is kept as its text
    public void EnumValuesThatAreNotListedBytesAreReadAsTheyAre(string token, string expected, bool known)
    {
        CredentialConnection connection = Json.Read<CredentialConnection>("{\"id\":\"1\",\"anchorsite_override\":" + token + "}");

        Assert.Equal(expected, connection.AnchorsiteOverride!.Value.Value);
        Assert.Equal(known, connection.AnchorsiteOverride.Value.IsKnown);
    }

    [Fact]
    public void EscapedMemberNamesAreRecognised()
    {
        CredentialConnection connection = Json.Read<CredentialConnection>("""{"i\u0064":"5","connection\u005fname":"x"}""");

        Assert.Equal("5", connection.Id);
        Assert.Equal("x", connection.ConnectionName);
        Assert.Empty(connection.AdditionalProperties);
    }

    [Fact]
    public void UnknownPropertiesSurviveAReadModifyWrite()
    {
        const string json = """{"id":"1","connection_name":"old","future_feature":{"levels":[1,2,{"x":null}]},"inbound":{"codecs":["G722"],"new_inbound_flag":true}}""";
        CredentialConnection connection = Json.Read<CredentialConnection>(json);

        connection.ConnectionName = "new";

        Json.AssertSame(json.Replace("\"old\"", "\"new\""), Json.Write(connection));
        Assert.Equal("""{"levels":[1,2,{"x":null}]}""", connection.AdditionalProperties["future_feature"].GetRawText());
    }

    [Fact]
    public void QuirkyValuesFromTheApiAreReadLeniently()
    {
        CredentialConnection connection = Json.Read<CredentialConnection>(
            """{"id":"1","inbound":{"timeout_2xx_secs":"15","codecs":"G722","channel_limit":10}}""");

        Assert.Equal(15, connection.Inbound!.Timeout2xxSecs);
        Assert.Equal(["G722"], connection.Inbound.Codecs!.ToArray());
        // Writing follows the spec: a number and a list.
        Json.AssertSame("""{"id":"1","inbound":{"timeout_2xx_secs":15,"codecs":["G722"],"channel_limit":10}}""", Json.Write(connection));
    }

    [Fact]
    public void OnlyAssignedPropertiesAreWrittenAndNullIsWrittenOnlyWhereTheSpecAllowsIt()
    {
        Assert.Equal("{}", Json.Write(new UpdateCredentialConnectionRequest()));
        Assert.Equal("""{"encrypted_media":null}""", Json.Write(new UpdateCredentialConnectionRequest { EncryptedMedia = null }));

        // webhook_event_url is a plain string in the update request: null there means "leave it out".
        Assert.Equal("""{"connection_name":"x"}""",
            Json.Write(new UpdateCredentialConnectionRequest { ConnectionName = "x", WebhookEventUrl = null }));
    }

    [Fact]
    public async Task UpdateSendsOnlyWhatTheCallerAssigned()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"7","encrypted_media":null}}"""));
        var client = new TelnyxSipClient(server.Options());

        CredentialConnection updated = await client.CredentialConnections.UpdateAsync("7", new() { EncryptedMedia = null, Active = false });

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/v2/credential_connections/7", request.RawUrl);
        Assert.Equal("""{"active":false,"encrypted_media":null}""", request.Body);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Null(updated.EncryptedMedia);
    }

    [Fact]
    public async Task CreateSendsTheRequiredMembersAndReturnsTheCreatedResource()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(201, """{"data":{"id":"99","record_type":"credential_connection","user_name":"office42"}}"""));
        var client = new TelnyxSipClient(server.Options());

        CredentialConnection created = await client.CredentialConnections.CreateAsync(new()
        {
            UserName = "office42",
            Password = "correct-horse-battery",
            ConnectionName = "Office",
            AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
            DtmfType = DtmfType.Rfc2833,
        });

        Assert.Equal("99", created.Id);
        Assert.Equal(
            """{"anchorsite_override":"Chicago, IL","connection_name":"Office","dtmf_type":"RFC 2833","password":"correct-horse-battery","user_name":"office42"}""",
            Assert.Single(server.Requests).Body);
    }

    [Fact]
    public void ToStringShowsAssignedPropertiesAndHidesPasswords()
    {
        var request = new CreateCredentialConnectionRequest { UserName = "office42", Password = "s3cret-pass", ConnectionName = "Office" };

        string text = request.ToString();

        Assert.Equal("""CreateCredentialConnectionRequest { ConnectionName = "Office", Password = ***, UserName = "office42" }""", text);
        Assert.DoesNotContain("s3cret-pass", text);
    }

    [Fact]
    public async Task CheckRegistrationStatusIsAnActionOnTheConnection()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200,
            """{"data":{"ip_address":"190.106.106.121","last_registration":"2021-09-28T15:11:02","port":37223,"record_type":"registration_status","sip_username":"rogerp","status":"Expired","transport":"UDP","user_agent":"Z 5.4.12"}}"""));
        var client = new TelnyxSipClient(server.Options());

        RegistrationStatus status = await client.CredentialConnections.Actions.CheckRegistrationStatusAsync("1293384261075731499");

        Assert.Equal(RegistrationStatusValue.Expired, status.Status);
        Assert.Equal(37223, status.Port);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/credential_connections/1293384261075731499/actions/check_registration_status", request.RawUrl);
    }

    [Fact]
    public async Task PathParametersAreOneEscapedSegment()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"x"}}"""));
        var client = new TelnyxSipClient(server.Options());

        await client.Ips.RetrieveAsync("../ips");
        await client.Ips.RetrieveAsync("a/b?c#d");

        Assert.Equal(["/v2/ips/..%2Fips", "/v2/ips/a%2Fb%3Fc%23d"], server.Requests.Select(r => r.RawUrl));
    }

    [Fact]
    public async Task WithResponseExposesStatusHeadersAndRequestId()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"5"}}""",
            new System.Collections.Generic.Dictionary<string, string> { ["x-request-id"] = "abc-123" }));
        var client = new TelnyxSipClient(server.Options());

        ApiResponse<OutboundVoiceProfile> response = await client.OutboundVoiceProfiles.RetrieveWithResponseAsync("5");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("abc-123", response.RequestId);
        Assert.Equal("5", response.Value.Id);
    }

    [Fact]
    public void EnumWireStringsAreConstantsUsableInASwitch()
    {
        static string Describe(DtmfType type) => type.Value switch
        {
            DtmfType.Wire.Rfc2833 => "out of band",
            DtmfType.Wire.SipInfo => "signalling",
            DtmfType.Wire.Inband => "in the audio",
            _ => "unknown: " + type.Value,
        };

        Assert.Equal("out of band", Describe(JsonModel.Read<CredentialConnection>("""{"id":"1","dtmf_type":"RFC 2833"}""").DtmfType!.Value));
        Assert.Equal("unknown: RFC 4733", Describe(DtmfType.FromWire("RFC 4733")));
        Assert.Equal("Chicago, IL", AnchorsiteOverride.Wire.ChicagoIL);
    }
}
