using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using NSubstitute;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// User code that takes the generated client, tested against a mock instead of a server: the client's members are
/// virtual, and the runtime builds the values a mock returns.
/// </summary>
public class MockingTests
{
    /// <summary>A piece of user code: the names of the active connections whose registration is checked.</summary>
    private static async Task<List<string>> ActiveConnectionNamesAsync(TelnyxSipClient client)
    {
        var names = new List<string>();
        await foreach (CredentialConnection connection in client.CredentialConnections.ListAsync())
        {
            if (connection.Active == true)
            {
                names.Add(connection.ConnectionName!);
            }
        }

        return names;
    }

    [Fact]
    public async Task MoqStubsAResourceListAndUserCodeRunsAgainstIt()
    {
        var connections = new Mock<CredentialConnectionsClient>();
        connections.Setup(c => c.ListAsync(It.IsAny<ListCredentialConnectionsParams?>(), It.IsAny<RequestOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<CredentialConnection>.FromItems([
                new CredentialConnection { ConnectionName = "office", Active = true },
                new CredentialConnection { ConnectionName = "lab", Active = false },
            ]));
        var client = new Mock<TelnyxSipClient>();
        client.Setup(c => c.CredentialConnections).Returns(connections.Object);

        List<string> names = await ActiveConnectionNamesAsync(client.Object);

        Assert.Equal(["office"], names);
    }

    [Fact]
    public async Task NSubstituteStubsARetrieveWithItsRawResponse()
    {
        var connections = Substitute.For<CredentialConnectionsClient>();
        connections.RetrieveWithResponseAsync("42", Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>())
            .Returns(ApiResponse.FromValue(new CredentialConnection { Id = "42" }, 200,
                [new("x-request-id", "req-mock-1")], """{"data":{"id":"42"}}"""));
        var client = Substitute.For<TelnyxSipClient>();
        client.CredentialConnections.Returns(connections);

        ApiResponse<CredentialConnection> response = await client.CredentialConnections.RetrieveWithResponseAsync("42");

        Assert.Equal("42", response.Value.Id);
        Assert.Equal("req-mock-1", response.RequestId);
        Assert.Equal("""{"data":{"id":"42"}}""", response.BodyText);
        Assert.Equal("application/json", response.ContentHeaders?.ContentType?.MediaType);
    }

    [Fact]
    public async Task PagesBuiltFromValuesKeepTheirMetaAndStartWhereAsked()
    {
        AsyncPageable<Ip> pageable = AsyncPageable<Ip>.FromPages([
            new Page<Ip>([new Ip { Id = "1" }, new Ip { Id = "2" }], new PageMeta(1, 2, 2, 3), ApiResponse.Create()),
            new Page<Ip>([new Ip { Id = "3" }], new PageMeta(2, 2, 2, 3), null),
        ]);

        List<string?> all = [];
        await foreach (Ip ip in pageable)
        {
            all.Add(ip.Id);
        }

        List<Page<Ip>> fromTwo = [];
        await foreach (Page<Ip> page in pageable.AsPages(pageNumber: 2))
        {
            fromTwo.Add(page);
        }

        Assert.Equal(["1", "2", "3"], all);
        Assert.Equal("3", Assert.Single(fromTwo).Items.Single().Id);
        Assert.Equal(3, fromTwo[0].Meta?.TotalResults);
    }
}
