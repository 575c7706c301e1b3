using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class SmokeTests
{
    [Fact]
    public async Task RetrieveReturnsTheDataMember()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"42","connection_name":"office","anchorsite_override":"Chicago, IL"}}"""));
        var client = new TelnyxSipClient(server.Options());
        CredentialConnection connection = await client.CredentialConnections.RetrieveAsync("42");
        Assert.Equal("42", connection.Id);
        Assert.Equal(AnchorsiteOverride.ChicagoIL, connection.AnchorsiteOverride);
    }
}
