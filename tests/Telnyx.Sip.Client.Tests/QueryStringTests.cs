using System;
using Telnyx.Sip.Runtime;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class QueryStringTests
{
    private const string EmptyPage = """{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":1,"total_results":0}}""";

    private static async Task<string> QueryOf(Func<TelnyxSipClient, Task> call)
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, EmptyPage));
        await call(new TelnyxSipClient(server.Options()));
        return Assert.Single(server.Requests).Query;
    }

    [Fact]
    public async Task FilterPageAndSortUseTheDeepObjectForm()
    {
        string query = await QueryOf(client => client.CredentialConnections.ListAsync(new()
        {
            Filter = new()
            {
                ConnectionName = new() { Contains = "office" },
                OutboundOutboundVoiceProfileId = "1293384261075731499",
            },
            Page = new() { Size = 25 },
            Sort = ConnectionSort.ConnectionName,
        }).ToListAsync());

        Assert.Equal(
            "filter[connection_name][contains]=office&filter[outbound.outbound_voice_profile_id]=1293384261075731499" +
            "&page[size]=25&sort=connection_name&page[number]=1",
            query);
    }

    [Fact]
    public async Task DescendingSortHasTheMinusPrefix()
    {
        string query = await QueryOf(client => client.Connections.ListAsync(new() { Sort = ConnectionSort.CreatedAt.Descending() }).ToListAsync());
        Assert.Equal("sort=-created_at&page[number]=1", query);

        query = await QueryOf(client => client.OutboundVoiceProfiles.ListAsync(new() { Sort = OutboundVoiceProfileSort.NameDescending }).ToListAsync());
        Assert.Equal("sort=-name&page[number]=1", query);
    }

    [Fact]
    public async Task ValuesAreEscapedButBracketsStayReadable()
    {
        string query = await QueryOf(client => client.OutboundVoiceProfiles.ListAsync(new()
        {
            Filter = new() { Name = new() { Contains = "Chicago, IL & more" } },
        }).ToListAsync());

        Assert.Equal("filter[name][contains]=Chicago%2C%20IL%20%26%20more&page[number]=1", query);
    }

    [Fact]
    public async Task AFilterGivenAsAPlainValueIsSentAsTheParameterItself()
    {
        string exact = await QueryOf(client => client.AccessIpRanges.ListAsync(new() { Filter = new() { CidrBlock = "10.0.0.0/24" } }).ToListAsync());
        string pattern = await QueryOf(client => client.AccessIpRanges.ListAsync(new()
        {
            Filter = new() { CidrBlock = new() { Startswith = "10.0", Endswith = "/16" } },
        }).ToListAsync());

        Assert.Equal("filter[cidr_block]=10.0.0.0%2F24&page[number]=1", exact);
        Assert.Equal("filter[cidr_block][endswith]=%2F16&filter[cidr_block][startswith]=10.0&page[number]=1", pattern);
    }

    [Fact]
    public async Task NoParametersSendOnlyThePageNumber()
    {
        Assert.Equal("page[number]=1", await QueryOf(client => client.Ips.ListAsync().ToListAsync()));
    }

    [Fact]
    public async Task FqdnAndIpFiltersUseTheirOwnKeys()
    {
        string fqdns = await QueryOf(client => client.Fqdns.ListAsync(new()
        {
            Filter = new() { ConnectionId = "1516447646313612565", Port = 5060 },
        }).ToListAsync());
        string ips = await QueryOf(client => client.Ips.ListAsync(new()
        {
            Filter = new() { IpAddress = "192.168.0.1" },
            Page = new() { Number = 3, Size = 50 },
        }).ToListAsync());

        Assert.Equal("filter[connection_id]=1516447646313612565&filter[port]=5060&page[number]=1", fqdns);
        // Parameters keep the order the spec gives them.
        Assert.Equal("page[size]=50&filter[ip_address]=192.168.0.1&page[number]=3", ips);
    }
}
