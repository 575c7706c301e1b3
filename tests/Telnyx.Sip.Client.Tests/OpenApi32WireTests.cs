using System.Linq;
using System.Threading.Tasks;
using Bookshelf;
using Telnyx.Sip.Runtime;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>What OpenAPI 3.2 adds, on the wire: specs/bookshelf.yaml's client against a loopback server.</summary>
public class OpenApi32WireTests
{
    private const string NoBooks = """{"books":[]}""";

    private static BookshelfClient Client(LoopbackServer server, int maxRetries = 0) => new(server.Options<BookshelfClientOptions>(maxRetries));

    [Fact]
    public async Task AQueryOperationIsSentWithTheQueryMethodAndItsBody()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"books":[{"id":"moby-dick","title":"Moby-Dick"}]}"""));

        BookList found = await Client(server).Books.SearchAsync(new SearchRequest { Text = "whale", Genre = Genre.Fiction });

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("QUERY", request.Method);
        Assert.Equal("/v2/books/search", request.RawUrl);
        Assert.Equal("""{"text":"whale","genre":"fiction"}""", request.Body);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal("Moby-Dick", Assert.Single(found.Books).Title);
    }

    [Fact]
    public async Task AnAdditionalOperationIsSentWithItsOwnMethodName()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(204, ""));

        ApiResponse response = await Client(server).Books.PurgeAsync("moby dick");

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("PURGE", request.Method);
        Assert.Equal("/v2/books/moby%20dick", request.RawUrl);
        Assert.Equal(204, response.StatusCode);
    }

    [Fact]
    public async Task AQuerystringParameterIsTheWholeQueryStringFormEncoded()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, NoBooks));
        BookshelfClient client = Client(server);

        await client.Catalog.BrowseAsync(new BrowseCatalogQueryString { Genre = Genre.Poetry, Page = 2, Author = "Emily Dickinson & co" });
        await client.Catalog.BrowseAsync();

        var requests = server.Requests.ToArray();
        Assert.Equal("GET", requests[0].Method);
        Assert.Equal("/v2/catalog?genre=poetry&page=2&author=Emily%20Dickinson%20%26%20co", requests[0].RawUrl);
        Assert.Equal("/v2/catalog", requests[1].RawUrl);
    }

    [Fact]
    public async Task ANestedTagIsAResourceOfItsParent()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """[{"stars":5,"text":"Whales!"}]"""));

        var reviews = await Client(server).Books.Reviews.ListAsync("moby-dick");

        Assert.Equal("/v2/books/moby-dick/reviews", Assert.Single(server.Requests).RawUrl);
        Assert.Equal(5, Assert.Single(reviews).Stars);
    }

    [Fact]
    public async Task QueryIsRetriedAsASafeMethodButAnUnknownMethodIsNotResent()
    {
        int calls = 0;
        await using var server = new LoopbackServer(_ => ++calls % 2 == 1 ? new CannedResponse(500, "") : new CannedResponse(200, NoBooks));

        await Client(server, maxRetries: 1).Books.SearchAsync(new SearchRequest { Text = "whale" });
        Assert.Equal(["QUERY", "QUERY"], server.Requests.Select(r => r.Method));

        await Assert.ThrowsAnyAsync<ApiException>(() => Client(server, maxRetries: 1).Books.PurgeAsync("moby-dick"));
        Assert.Equal(["QUERY", "QUERY", "PURGE"], server.Requests.Select(r => r.Method));
    }

    [Fact]
    public void AMethodHttpMethodHasNoPropertyForIsOneInstanceForEveryCall()
    {
        // The generated QUERY and additional-operation calls name their method; it is made once, not per request.
        Assert.Same(ApiRequest.MethodNamed("QUERY"), ApiRequest.MethodNamed("QUERY"));
        Assert.Equal("PURGE", ApiRequest.MethodNamed("PURGE").Method);
        Assert.NotSame(ApiRequest.MethodNamed("PURGE"), ApiRequest.MethodNamed("purge"));
    }
}
