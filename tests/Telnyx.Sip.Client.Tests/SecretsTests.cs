using System;
using Telnyx.Sip.Runtime;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class SecretsTests
{
    private const string Key = "KEY_SECRET_abcdef0123456789";

    [Fact]
    public async Task TheApiKeyIsNotInAConnectionFailure()
    {
        int closedPort = LoopbackServer.FreePort();
        var client = new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = Key, BaseUrl = new Uri($"http://127.0.0.1:{closedPort}/v2"), MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ApiConnectionException>(() => client.Connections.RetrieveAsync("1"));

        Assert.DoesNotContain(Key, error.ToString());
        Assert.DoesNotContain(Key, client.Pipeline.ToString() ?? "");
    }

    [Fact]
    public void AnApiKeyWithALineBreakIsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = Key + "\r\nX-Injected: 1" }));

        Assert.Contains("CR or LF", error.Message);
        Assert.DoesNotContain(Key, error.ToString());
    }

    [Fact]
    public async Task AHeaderValueWithALineBreakIsRefused()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"1"}}"""));
        var client = new TelnyxSipClient(server.Options());
        var options = new RequestOptions { Headers = { ["X-Trace"] = "abc\nX-Injected: 1" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Connections.RetrieveAsync("1", options));

        Assert.Contains("X-Trace", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TheKeyIsNotSentOverPlainHttpToAnotherHostUnlessTheCallerOptsIn()
    {
        var insecure = new TelnyxSipClientOptions { ApiKey = Key, BaseUrl = new Uri("http://api.example.com/v2") };

        var error = Assert.Throws<ApiClientException>(() => new TelnyxSipClient(insecure));
        Assert.Contains("AllowInsecureHttp", error.Message);
        Assert.DoesNotContain(Key, error.ToString());

        insecure.AllowInsecureHttp = true;
        Assert.NotNull(new TelnyxSipClient(insecure));
        Assert.NotNull(new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = Key, BaseUrl = new Uri("http://localhost:8080/v2") }));
    }

    [Fact]
    public void ModelsHidePasswordsAndTokensInToString()
    {
        var connection = JsonModel.Read<FqdnConnection>("""{"id":"1","password":"hunter2-secret","user_name":"trunk","outbound":{"ip_authentication_token":"tok-123456"}}""");
        var ipOutbound = new OutboundIp { IpAuthenticationToken = "tok-abcdef", TechPrefix = "1234" };

        Assert.DoesNotContain("hunter2-secret", connection.ToString());
        Assert.Contains("Password = ***", connection.ToString());
        Assert.Contains("UserName = \"trunk\"", connection.ToString());
        Assert.Equal("OutboundIp { IpAuthenticationToken = ***, TechPrefix = \"1234\" }", ipOutbound.ToString());
        // Hidden from display only: the value is still sent.
        Assert.Contains("tok-abcdef", JsonModel.Write(ipOutbound));
    }
}
