using Telnyx.Sip.Runtime;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public async Task TheClientResolvesFromTheContainerAndUsesTheHandlersAddedToItsBuilder()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"42"}}"""));
        var services = new ServiceCollection();

        IHttpClientBuilder builder = services.AddTelnyxSipClient(options =>
        {
            options.ApiKey = "KEY_DI_TEST";
            options.BaseUrl = server.BaseUrl;
        });
        builder.AddHttpMessageHandler(() => new StampHandler());

        await using ServiceProvider provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TelnyxSipClient>();
        CredentialConnection connection = await client.CredentialConnections.RetrieveAsync("42");

        Assert.Equal("42", connection.Id);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("handler-was-here", request.Headers["X-Stamp"]);
        Assert.Equal("Bearer KEY_DI_TEST", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task OptionsConfiguredElsewhereAreUsed()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"7"}}"""));
        var services = new ServiceCollection();
        services.Configure<TelnyxSipClientOptions>(options =>
        {
            options.ApiKey = "KEY_FROM_CONFIGURATION";
            options.BaseUrl = server.BaseUrl;
            options.MaxRetries = 0;
        });
        services.AddTelnyxSipClient();

        await using ServiceProvider provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TelnyxSipClient>().Ips.RetrieveAsync("7");

        Assert.Equal("Bearer KEY_FROM_CONFIGURATION", server.Requests.Single().Headers["Authorization"]);
    }

    private sealed class StampHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Stamp", "handler-was-here");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
