using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Acme.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Telnyx.Sip.Runtime;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// Two APIs in one process: each client has its own options, credentials and host; nothing defaults to a vendor; and
/// errors come back in each API's own words and types. The Acme spec (specs/acme.yaml) has an API-key header, integer
/// ids, no data envelope, its own error shapes and no servers.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public class EachClientItsOwnTests
{
    private const string Widget = """{"id":1,"name":"gear one","kind":"gear"}""";

    [Fact]
    public async Task TwoClientsInOneContainerEachSendTheirOwnCredentialToTheirOwnHost()
    {
        await using var telnyx = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"42"}}"""));
        await using var acme = new LoopbackServer(_ => new CannedResponse(200, Widget));
        var services = new ServiceCollection();
        services.AddAcmeInventoryClient(o =>
        {
            o.ApiKey = "ACME-KEY";
            o.BaseUrl = acme.BaseUrl;
        });
        services.AddTelnyxSipClient(o => o.ApiKey = "TELNYX-SECRET-KEY");
        services.Configure<TelnyxSipClientOptions>(o => o.BaseUrl = telnyx.BaseUrl);   // binding touches one client only
        services.Configure<AcmeInventoryClientOptions>(o => o.MaxRetries = 0);

        await using ServiceProvider provider = services.BuildServiceProvider();
        Widget widget = await provider.GetRequiredService<AcmeInventoryClient>().Widgets.RetrieveAsync(1);
        await provider.GetRequiredService<TelnyxSipClient>().Connections.RetrieveAsync("42");

        Assert.Equal(1, widget.Id);
        ReceivedRequest toAcme = Assert.Single(acme.Requests);
        ReceivedRequest toTelnyx = Assert.Single(telnyx.Requests);
        Assert.EndsWith("/widgets/1", toAcme.RawUrl);
        Assert.Equal("ACME-KEY", toAcme.Headers["X-Api-Key"]);
        Assert.Null(toAcme.Headers["Authorization"]);
        Assert.Equal("Bearer TELNYX-SECRET-KEY", toTelnyx.Headers["Authorization"]);
        Assert.Null(toTelnyx.Headers["X-Api-Key"]);
        Assert.StartsWith("Acme-Inventory-API/3.1.0 ", toAcme.Headers["User-Agent"]);
        Assert.StartsWith("Telnyx-SIP-API/2.0.0 ", toTelnyx.Headers["User-Agent"]);
    }

    [Fact]
    public async Task AClientWhoseSpecNamesNoServerRefusesToSendUntilItsBaseUrlIsSet()
    {
        using var url = EnvironmentCollection.Set("TELNYX_BASE_URL", "http://127.0.0.1:9/never");
        var client = new AcmeInventoryClient(new AcmeInventoryClientOptions { ApiKey = "ACME-KEY", MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ApiClientException>(() => client.Widgets.RetrieveAsync(1));

        Assert.Null(client.Pipeline.BaseUrl);
        Assert.Contains("AcmeInventoryClientOptions.BaseUrl", error.Message);
        Assert.DoesNotContain("telnyx", error.Message, StringComparison.OrdinalIgnoreCase);

        await using var acme = new LoopbackServer(_ => new CannedResponse(200, Widget));
        await new AcmeInventoryClient(new AcmeInventoryClientOptions { ApiKey = "ACME-KEY", BaseUrl = acme.BaseUrl }).Widgets.RetrieveAsync(1);
        Assert.Single(acme.Requests);
    }

    [Fact]
    public async Task AnErrorBodyIsTheSpecsTypeAndItsMessageIsTheApisOwn()
    {
        await using var acme = new LoopbackServer(_ => new CannedResponse(404, """{"message":"Widget 99 not found","code":"not_found"}"""));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>());

        var error = await Assert.ThrowsAsync<NotFoundException>(() => client.Widgets.RetrieveAsync(99));

        Assert.Equal("The API answered 404: Widget 99 not found.", error.Message);
        Error body = Assert.IsType<Error>(error.Body);
        Assert.Equal("not_found", body.Code);
        Assert.Same(body, error.BodyAs<Error>());
        Assert.Null(error.BodyAs<ServerError>());
    }

    [Fact]
    public async Task RangesAndDefaultPickTheTypeByStatusAndANestedErrorMessageIsUsed()
    {
        await using var acme = new LoopbackServer(request => request.Method == "POST"
            ? new CannedResponse(500, """{"error":{"message":"database unavailable","trace_id":"t-1"}}""")
            : new CannedResponse(418, """{"message":"I am a teapot"}"""));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>());

        var server = await Assert.ThrowsAsync<ServerException>(() => client.Widgets.CreateAsync(new Widget { Name = "x" }));
        var other = await Assert.ThrowsAsync<UnexpectedStatusException>(() => client.Widgets.ListAsync());

        Assert.StartsWith("The API answered 500: database unavailable.", server.Message);
        Assert.Equal("t-1", Assert.IsType<ServerError>(server.Body).Error?.TraceId);
        Assert.StartsWith("The API answered 418: I am a teapot.", other.Message);
        Assert.IsType<Error>(other.Body);   // default
    }

    [Theory]
    [InlineData(404, typeof(Error))]      // its own response, the default's type, before the 4XX range
    [InlineData(409, typeof(Refusal))]    // 4XX
    [InlineData(422, typeof(Error))]      // its own response, the default's type, before the 4XX range
    [InlineData(500, typeof(Error))]      // default
    public async Task AStatusThatSharesTheDefaultsTypeIsStillReadAsItBeforeARangeOfAnotherType(int status, Type expected)
    {
        await using var acme = new LoopbackServer(_ => new CannedResponse(status, """{"message":"no","reason":"no"}"""));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>());

        var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.Widgets.DeleteAsync(1));

        Assert.Equal(status, error.StatusCode);
        Assert.IsType(expected, error.Body);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonGivesItsFirst200CharactersOnOneLine()
    {
        string page = "<html>\n  <head><title>502 Bad Gateway</title></head>\n  <body>" + new string('x', 400) + "</body>\n</html>";
        await using var acme = new LoopbackServer(_ => new CannedResponse(502, page));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>());

        var error = await Assert.ThrowsAsync<ServerException>(() => client.Widgets.RetrieveAsync(1));

        string expected = "<html> <head><title>502 Bad Gateway</title></head> <body>" + new string('x', 200 - 57);
        Assert.StartsWith("The API answered 502: " + expected + "…", error.Message);
        Assert.Null(error.Body);
        Assert.Equal(page, error.RawBody);
    }

    [Fact]
    public async Task ACredentialEchoedInAnErrorBodyIsRedactedFromTheMessageTheRawBodyAndTheTypedBody()
    {
        await using var acme = new LoopbackServer(request =>
            new CannedResponse(401, $$"""{"message":"Key {{request.Headers["X-Api-Key"]}} is not valid","code":"bad_key"}"""));
        var options = acme.Options<AcmeInventoryClientOptions>();
        options.ApiKey = "ACME-SECRET-123";

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => new AcmeInventoryClient(options).Widgets.CreateAsync(new Widget { Name = "x" }));

        Assert.Equal("The API answered 401: Key *** is not valid.", error.Message);
        Assert.DoesNotContain("ACME-SECRET-123", error.RawBody);
        Assert.Equal("Key *** is not valid", error.BodyAs<Error>()?.Message);
        Assert.DoesNotContain("ACME-SECRET-123", error.ToString());
    }

    [Fact]
    public async Task ATelnyxValidationErrorIsTheSpecsValidationErrorsWithTheDetailInTheMessage()
    {
        const string Body = """{"errors":[{"code":"10015","title":"Invalid value","detail":"ip_address must be an IPv4 address","source":{"pointer":"/ip_address"}}]}""";
        await using var server = new LoopbackServer(_ => new CannedResponse(422, Body));

        var error = await Assert.ThrowsAsync<UnprocessableEntityException>(() =>
            new TelnyxSipClient(server.Options()).AccessIpRanges.CreateAsync(new() { CidrBlock = "x" }));

        Assert.Contains("Invalid value: ip_address must be an IPv4 address", error.Message);
        ValidationErrors body = Assert.IsType<ValidationErrors>(error.Body);
        Assert.Equal("/ip_address", body.Errors?.Single().Source?.Pointer);
    }

    [Fact]
    public async Task APostAnswered503WithoutRetryAfterSaysWhyItWasNotRetriedAndNamesIdempotencyKey()
    {
        await using var acme = new LoopbackServer(_ => new CannedResponse(503, """{"error":{"message":"overloaded"}}"""));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>(maxRetries: 2));

        var error = await Assert.ThrowsAsync<ServerException>(() => client.Widgets.CreateAsync(new Widget { Name = "x" }));

        Assert.Single(acme.Requests);
        Assert.Contains("overloaded", error.Message);
        Assert.Contains("503 without Retry-After", error.Message);
        Assert.Contains("RequestOptions.IdempotencyKey", error.Message);
    }

    [Fact]
    public async Task A429UntilTheRetriesRunOutSaysHowManyAttemptsWereMade()
    {
        await using var acme = new LoopbackServer(_ => new CannedResponse(429, """{"message":"slow down"}""",
            new Dictionary<string, string> { ["Retry-After"] = "0" }));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>(maxRetries: 2));

        var error = await Assert.ThrowsAsync<RateLimitException>(() => client.Widgets.RetrieveAsync(1));

        Assert.Equal(3, acme.Requests.Count);
        Assert.Contains("slow down", error.Message);
        Assert.Contains("failed after 3 attempts", error.Message);
        Assert.Contains("AcmeInventoryClientOptions.MaxRetries", error.Message);
    }

    [Fact]
    public async Task WithRetriesOffAFailureARetryCouldCureSaysSo()
    {
        await using var acme = new LoopbackServer(_ => new CannedResponse(500, "oops"));
        var client = new AcmeInventoryClient(acme.Options<AcmeInventoryClientOptions>(maxRetries: 0));

        var error = await Assert.ThrowsAsync<ServerException>(() => client.Widgets.RetrieveAsync(1));

        Assert.Equal("The API answered 500: oops. Not retried: retries are off (AcmeInventoryClientOptions.MaxRetries or RequestOptions.MaxRetries is 0).", error.Message);
    }
}
