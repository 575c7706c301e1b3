using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class PagingTests
{
    /// <summary>Serves <paramref name="total"/> credential connections in pages of the requested size, with meta.</summary>
    private static CannedResponse Pages(ReceivedRequest request, int total, bool withMeta = true)
    {
        int number = int.Parse(Regex.Match(request.Query, @"page\[number\]=(\d+)").Groups[1].Value);
        Match sizeMatch = Regex.Match(request.Query, @"page\[size\]=(\d+)");
        int size = sizeMatch.Success ? int.Parse(sizeMatch.Groups[1].Value) : 20;
        int first = (number - 1) * size;
        var items = Enumerable.Range(first, Math.Max(0, Math.Min(size, total - first)))
            .Select(i => $$"""{"id":"{{i}}","record_type":"credential_connection","connection_name":"c{{i}}"}""");
        int pages = (total + size - 1) / size;
        string meta = withMeta ? $$""","meta":{"page_number":{{number}},"page_size":{{size}},"total_pages":{{pages}},"total_results":{{total}}}""" : "";
        return new CannedResponse(200, $$"""{"data":[{{string.Join(",", items)}}]{{meta}}}""");
    }

    [Fact]
    public async Task AutoPagingFetchesEveryPageAndStopsAtTheLast()
    {
        await using var server = new LoopbackServer(request => Pages(request, total: 55));
        var client = new TelnyxSipClient(server.Options());

        var ids = new List<string>();
        await foreach (CredentialConnection connection in client.CredentialConnections.ListAsync(new() { Page = new() { Size = 25 } }))
        {
            ids.Add(connection.Id);
        }

        Assert.Equal(Enumerable.Range(0, 55).Select(i => i.ToString()), ids);
        Assert.Equal(["page[size]=25&page[number]=1", "page[size]=25&page[number]=2", "page[size]=25&page[number]=3"],
            server.Requests.Select(r => Uri.UnescapeDataString(r.Query)));
    }

    [Fact]
    public async Task AThousandConnectionsAreIteratedToTheEndInTenRequests()
    {
        await using var server = new LoopbackServer(request => Pages(request, total: 1000));
        var client = new TelnyxSipClient(server.Options());

        var ids = new HashSet<string>();
        await foreach (CredentialConnection connection in client.CredentialConnections.ListAsync(new() { Page = new() { Size = 100 } }))
        {
            Assert.True(ids.Add(connection.Id), $"{connection.Id} was returned twice");
        }

        Assert.Equal(1000, ids.Count);
        Assert.Equal(10, server.Requests.Count);
        Assert.Equal("page[size]=100&page[number]=10", Uri.UnescapeDataString(server.Requests.Last().Query));
    }

    [Fact]
    public async Task PagesExposeTheMetaNumbers()
    {
        await using var server = new LoopbackServer(request => Pages(request, total: 55));
        var client = new TelnyxSipClient(server.Options());

        var metas = new List<PageMeta?>();
        await foreach (Page<CredentialConnection> page in client.CredentialConnections.ListAsync(new() { Page = new() { Size = 25 } }).AsPages())
        {
            metas.Add(page.Meta);
            Assert.Equal(200, page.Response!.StatusCode);
        }

        Assert.Equal([new PageMeta(1, 25, 3, 55), new PageMeta(2, 25, 3, 55), new PageMeta(3, 25, 3, 55)], metas);
    }

    [Fact]
    public async Task PagingStartsAtTheRequestedPage()
    {
        await using var server = new LoopbackServer(request => Pages(request, total: 55));
        var client = new TelnyxSipClient(server.Options());

        int count = 0;
        await foreach (CredentialConnection _ in client.CredentialConnections.ListAsync(new() { Page = new() { Number = 2, Size = 25 } }))
        {
            count++;
        }

        Assert.Equal(30, count);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task WithoutMetaPagingStopsAtAnEmptyPage()
    {
        await using var server = new LoopbackServer(request => Pages(request, total: 45, withMeta: false));
        var client = new TelnyxSipClient(server.Options());

        int count = 0;
        await foreach (Connection _ in client.Connections.ListAsync(new() { Page = new() { Size = 20 } }))
        {
            count++;
        }

        Assert.Equal(45, count);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task AnEmptyListMakesOneRequest()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}"""));
        var client = new TelnyxSipClient(server.Options());

        Assert.Empty(await client.Fqdns.ListAsync().ToListAsync());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task NothingIsFetchedUntilTheListIsEnumerated()
    {
        await using var server = new LoopbackServer(request => Pages(request, total: 5));
        var client = new TelnyxSipClient(server.Options());

        AsyncPageable<OutboundVoiceProfile> profiles = client.OutboundVoiceProfiles.ListAsync();
        Assert.Empty(server.Requests);
        await using IAsyncEnumerator<OutboundVoiceProfile> enumerator = profiles.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Single(server.Requests);
    }
}

internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }
}

public class PagingTerminationTests
{
    [Fact]
    public async Task AServerThatRepeatsItsPageNumberCannotMakePagingLoopForever()
    {
        // A static mock answers every page with the same example: page 2 of 3.
        await using var server = new LoopbackServer(_ => new CannedResponse(200,
            """{"data":[{"id":"1"}],"meta":{"page_number":2,"page_size":1,"total_pages":3,"total_results":3}}"""));
        var client = new TelnyxSipClient(server.Options());

        var items = await client.Connections.ListAsync().ToListAsync();

        Assert.Equal(3, items.Count);
        Assert.Equal(3, server.Requests.Count);
    }
}
