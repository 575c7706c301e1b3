using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// Null follows the spec when writing; reading keeps what does not fit instead of failing the whole response.
/// </summary>
public class LenientModelTests
{
    [Fact]
    public async Task AssignedNullIsSentOnlyForPropertiesTheSpecDeclaresNullable()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"7"}}"""));
        var client = new TelnyxSipClient(server.Options());

        // The everyday mapping idiom: copy every field of a DTO, nulls included.
        await client.CredentialConnections.UpdateAsync("7", new() { Active = null, ConnectionName = null, EncryptedMedia = null });

        // Only encrypted_media is nullable in the spec; active and connection_name are left out instead of sent as null.
        Assert.Equal("""{"encrypted_media":null}""", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public void IsSetTellsAssignedFromUnassignedAndUnsetLeavesThePropertyOut()
    {
        var update = new UpdateCredentialConnectionRequest { Active = false, EncryptedMedia = null };

        Assert.True(update.IsSet(nameof(update.Active)));
        Assert.True(update.IsSet(nameof(update.EncryptedMedia)));
        Assert.True(update.IsSet("encrypted_media"));
        Assert.False(update.IsSet(nameof(update.ConnectionName)));

        update.Unset(nameof(update.EncryptedMedia));
        update.ConnectionName = "office";
        update.ConnectionName = null;

        Assert.False(update.IsSet(nameof(update.EncryptedMedia)));
        Assert.False(update.IsSet(nameof(update.ConnectionName)));
        Assert.Null(update.ConnectionName);
        Assert.Equal("""{"active":false}""", Json.Write(update));
        Assert.Throws<System.ArgumentException>(() => update.IsSet("no_such_member"));
    }

    [Fact]
    public async Task APageWithOneOddItemIsIteratedToTheEndAndOnlyTheOddPropertiesThrow()
    {
        const string odd = """{"id":"2","connection_name":"two","active":1,"tags":["a",null]}""";
        await using var server = new LoopbackServer(_ => new CannedResponse(200,
            $$$"""{"data":[{"id":"1","active":true},{{{odd}}},{"id":"3"}],"meta":{"page_number":1,"page_size":3,"total_pages":1,"total_results":3}}"""));
        var client = new TelnyxSipClient(server.Options());

        var connections = new List<CredentialConnection>();
        await foreach (CredentialConnection connection in client.CredentialConnections.ListAsync())
        {
            connections.Add(connection);
        }

        Assert.Equal(["1", "2", "3"], connections.Select(c => c.Id));
        CredentialConnection second = connections[1];
        Assert.Equal("two", second.ConnectionName);

        ApiSerializationException active = Assert.Throws<ApiSerializationException>(() => second.Active);
        Assert.Equal("$.data[1].active", active.Path);
        Assert.Equal("1", active.RawValue);
        Assert.Contains("CredentialConnection.Active", active.Message);

        ApiSerializationException tags = Assert.Throws<ApiSerializationException>(() => second.Tags);
        Assert.Equal("$.data[1].tags[1]", tags.Path);
        Assert.Equal("""["a",null]""", tags.RawValue);

        // Read-modify-write: the odd values go back exactly as they came.
        second.ConnectionName = "renamed";
        Json.AssertSame("""{"id":"2","connection_name":"renamed","active":1,"tags":["a",null]}""", Json.Write(second));

        // Assigning a good value replaces the odd one.
        second.Active = true;
        Assert.True(second.Active);
        Assert.Equal("$.data[1].tags[1]", Assert.Throws<ApiSerializationException>(second.Validate).Path);
        connections[0].Validate();
        connections[2].Validate();
    }

    [Fact]
    public void ARequiredMemberThatIsAbsentOrNullThrowsWhenReadInsteadOfReturningNull()
    {
        CredentialConnection absent = JsonModel.Read<CredentialConnection>("""{"active":true}""");
        Assert.True(absent.Active);
        ApiSerializationException error = Assert.Throws<ApiSerializationException>(() => absent.Id);
        Assert.Equal("$.id", error.Path);
        Assert.Contains("required", error.Message);
        Assert.Null(error.RawValue);

        CredentialConnection nulled = JsonModel.Read<CredentialConnection>("""{"id":null}""");
        Assert.Contains("null", Assert.Throws<ApiSerializationException>(() => nulled.Id).Message);
        Assert.Equal("""{"id":null}""", Json.Write(nulled));
        Assert.Equal("$.id", Assert.Throws<ApiSerializationException>(nulled.Validate).Path);
    }

    [Fact]
    public async Task ValidateFailsFastOnAProblemAnywhereInsideTheModel()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200,
            """{"data":{"id":"1","inbound":{"channel_limit":"ten","codecs":"G722"}}}"""));
        var client = new TelnyxSipClient(server.Options());

        CredentialConnection connection = await client.CredentialConnections.RetrieveAsync("1");

        // The known quirks still read leniently; the bad number is kept and reported.
        Assert.Equal(["G722"], connection.Inbound!.Codecs!);
        ApiSerializationException error = Assert.Throws<ApiSerializationException>(connection.Validate);
        Assert.Equal("$.data.inbound.channel_limit", error.Path);
        Assert.Equal("\"ten\"", error.RawValue);
    }

    [Fact]
    public void AModelWhoseEveryMemberFitsValidates()
    {
        CredentialConnection connection = JsonModel.Read<CredentialConnection>(
            """{"id":"1","active":true,"anchorsite_override":"Chicago, IL","tags":["a"],"unknown":{"kept":true}}""");

        connection.Validate();
        Assert.Equal(AnchorsiteOverride.ChicagoIL, connection.AnchorsiteOverride);
        Assert.True(connection.AdditionalProperties["unknown"].GetProperty("kept").GetBoolean());
    }

    [Fact]
    public async Task APageItemThatIsNotAnObjectAtAllIsKeptAndTheRestOfThePageReads()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200,
            """{"data":[{"id":"1"},null,42,{"id":"4"}],"meta":{"page_number":1,"page_size":4,"total_pages":1,"total_results":4}}"""));
        var client = new TelnyxSipClient(server.Options());

        var connections = new List<CredentialConnection>();
        await foreach (CredentialConnection connection in client.CredentialConnections.ListAsync())
        {
            connections.Add(connection);
        }

        Assert.Equal(4, connections.Count);
        Assert.Equal("4", connections[3].Id);
        ApiSerializationException error = Assert.Throws<ApiSerializationException>(() => connections[2].Id);
        Assert.Equal("$.data[2]", error.Path);
        Assert.Equal("42", error.RawValue);
        Assert.Equal("$.data[1]", Assert.Throws<ApiSerializationException>(connections[1].Validate).Path);
        Assert.Equal("42", Json.Write(connections[2]));
    }
}
