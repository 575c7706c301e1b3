using System;
using Telnyx.Sip.Runtime;
using System.Text;
using System.Threading.Tasks;
using Features;
using Games;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// Each generated client authenticates as its own spec says (specs/games.yaml: an api-key header, HTTP basic, or a
/// query key with a session header; specs/features.yaml: no security), and only the Telnyx client reads TELNYX_API_KEY.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public class AuthenticationTests
{
    private const string TelnyxKey = "KEY_TELNYX_must_not_leak";
    private const string Board = """{"winner":"X"}""";

    private static T At<T>(LoopbackServer server) where T : ClientOptions, new() => new() { BaseUrl = server.BaseUrl, MaxRetries = 0 };

    [Fact]
    public async Task AClientOfAnotherSpecSendsItsOwnSchemeAndNeverTheTelnyxKey()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Board));
        using var _ = EnvironmentCollection.Set("TELNYX_API_KEY", TelnyxKey);
        var options = At<GamesClientOptions>(server);
        options.ApiKey = "games-key";

        Board board = await new GamesClient(options).Board.RetrieveAsync();

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("X", board.Winner);
        Assert.Equal("games-key", request.Headers["api-key"]);
        Assert.Null(request.Headers["Authorization"]);
        Assert.DoesNotContain(TelnyxKey, request.Headers.ToString());
    }

    [Fact]
    public void AClientOfAnotherSpecDoesNotTakeTheTelnyxKeyFromTheEnvironment()
    {
        using var _ = EnvironmentCollection.Set("TELNYX_API_KEY", TelnyxKey);

        var error = Assert.Throws<ApiClientException>(() => new GamesClient(new GamesClientOptions { BaseUrl = new Uri("https://games.example.com/v1") }));

        Assert.Contains("'apiKeyHeader' (API key in the api-key header)", error.Message);
        Assert.DoesNotContain("TELNYX_API_KEY", error.Message);
        Assert.DoesNotContain(TelnyxKey, error.ToString());
    }

    [Fact]
    public async Task HttpBasicSendsUserAndPasswordInBase64()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Board));
        var options = At<GamesClientOptions>(server);
        options.Credentials["basicAuth"] = "ada:secret";

        await new GamesClient(options).Board.RetrieveAsync();

        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:secret"));
        Assert.Equal(expected, Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task SchemesRequiredTogetherAreSentTogetherAQueryKeyInTheQuery()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Board));
        var options = At<GamesClientOptions>(server);
        options.Credentials["queryKey"] = "q k";
        options.Credentials["sessionHeader"] = "session-1";

        await new GamesClient(options).Board.RetrieveAsync();

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.EndsWith("/board?key=q%20k", request.RawUrl);
        Assert.Equal("session-1", request.Headers["X-Session"]);
        Assert.Null(request.Headers["api-key"]);
    }

    [Fact]
    public async Task ASpecWithoutSecurityNeedsNoKeyAndSendsNone()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"pet_type":"cat","lives":9}}"""));
        using var _ = EnvironmentCollection.Set("TELNYX_API_KEY", TelnyxKey);

        var client = new FeaturesClient(At<FeaturesClientOptions>(server));
        await client.Pets.RetrieveAsync("1");

        Assert.Null(Assert.Single(server.Requests).Headers["Authorization"]);
        // Nothing secret to protect: plain http to another host is allowed.
        Assert.NotNull(new FeaturesClient(new FeaturesClientOptions { BaseUrl = new Uri("http://api.example.com/v1") }));
    }

    [Fact]
    public async Task TheTelnyxClientStillReadsTelnyxApiKeyAndTelnyxBaseUrl()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"1"}}"""));
        using var key = EnvironmentCollection.Set("TELNYX_API_KEY", TelnyxKey);
        using var url = EnvironmentCollection.Set("TELNYX_BASE_URL", server.BaseUrl.ToString());

        await new TelnyxSipClient(new TelnyxSipClientOptions { MaxRetries = 0 }).Connections.RetrieveAsync("1");

        Assert.Equal("Bearer " + TelnyxKey, Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void CredentialsStayOutOfTheMissingCredentialMessageAndOfToString()
    {
        var options = new GamesClientOptions { BaseUrl = new Uri("http://games.example.com/v1") };
        options.Credentials["basicAuth"] = "ada:secret-password";

        var error = Assert.Throws<ApiClientException>(() => new GamesClient(options));

        Assert.Contains("AllowInsecureHttp", error.Message);
        Assert.DoesNotContain("secret-password", error.ToString());
        options.AllowInsecureHttp = true;
        Assert.DoesNotContain("secret-password", new GamesClient(options).Pipeline.ToString() ?? "");
    }
}

/// <summary>Tests that set process-wide environment variables run one at a time, and restore them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Environment variables";

    public static IDisposable Set(string name, string? value)
    {
        string? previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        return new Restore(() => Environment.SetEnvironmentVariable(name, previous));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
