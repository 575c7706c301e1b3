using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

public class ErrorTests
{
    private const string ErrorBody = """
        {"errors":[{"code":"10015","title":"Bad Request","detail":"Invalid dnis_format: test","source":{"pointer":"/inbound/dnis_number_format"},"meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10015"}}]}
        """;

    public static TheoryData<int, Type> Statuses => new()
    {
        { 400, typeof(BadRequestException) },
        { 401, typeof(UnauthorizedException) },
        { 403, typeof(ForbiddenException) },
        { 404, typeof(NotFoundException) },
        { 409, typeof(ConflictException) },
        { 422, typeof(UnprocessableEntityException) },
        { 429, typeof(RateLimitException) },
        { 500, typeof(ServerException) },
        { 503, typeof(ServerException) },
        { 418, typeof(UnexpectedStatusException) },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task EachStatusHasItsExceptionWithTheParsedErrors(int status, Type expected)
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(status, ErrorBody,
            new Dictionary<string, string> { ["x-request-id"] = "req-7f3a" }));
        var client = new TelnyxSipClient(server.Options(maxRetries: 0));

        ApiException error = await Assert.ThrowsAnyAsync<ApiException>(() => client.CredentialConnections.RetrieveAsync("42"));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("req-7f3a", error.RequestId);
        Assert.Equal(ErrorBody, error.RawBody);
        ApiError detail = Assert.Single(error.Errors);
        Assert.Equal("10015", detail.Code);
        Assert.Equal("Bad Request", detail.Title);
        Assert.Equal("Invalid dnis_format: test", detail.Detail);
        Assert.Equal("/inbound/dnis_number_format", detail.SourcePointer);
        Assert.Equal("https://developers.telnyx.com/docs/overview/errors/10015", detail.DocumentationUrl);
        Assert.Contains("10015 Bad Request: Invalid dnis_format: test", error.Message);
        Assert.Contains("req-7f3a", error.Message);
    }

    [Fact]
    public async Task AnHtmlErrorPageKeepsItsRawBodyAndHasNoErrors()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        await using var server = new LoopbackServer(_ => new CannedResponse(502, html));
        var client = new TelnyxSipClient(server.Options(maxRetries: 0));

        ServerException error = await Assert.ThrowsAsync<ServerException>(() => client.Ips.RetrieveAsync("6a09cdc3-8948-47f0-aa62-74ac943d6c58"));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal(html, error.RawBody);
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task AMalformedSuccessBodyIsASerializationErrorWithTheRawBody()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"1","connection_name":"""));
        var client = new TelnyxSipClient(server.Options());

        ApiSerializationException error = await Assert.ThrowsAsync<ApiSerializationException>(() => client.Fqdns.RetrieveAsync("1"));

        Assert.Equal("""{"data":{"id":"1","connection_name":""", error.RawBody);
    }

    [Fact]
    public async Task AWrongTypeFailsOnlyItsPropertyAndNamesThePathOfTheBadValue()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"1","inbound":{"channel_limit":{"no":1}}}}"""));
        var client = new TelnyxSipClient(server.Options());

        CredentialConnection connection = await client.CredentialConnections.RetrieveAsync("1");

        Assert.Equal("1", connection.Id);
        ApiSerializationException error = Assert.Throws<ApiSerializationException>(() => connection.Inbound!.ChannelLimit);
        Assert.Equal("$.data.inbound.channel_limit", error.Path);
        Assert.Equal("""{"no":1}""", error.RawValue);
        Assert.Contains("32-bit integer", error.Message);
    }

    [Fact]
    public async Task TheApiKeyIsSentAsABearerTokenAndNeverShownInErrors()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(401, """{"errors":[{"code":"10009","title":"Authentication failed"}]}"""));
        var client = new TelnyxSipClient(server.Options());

        UnauthorizedException error = await Assert.ThrowsAsync<UnauthorizedException>(() => client.Connections.RetrieveAsync("1"));

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("Bearer KEY_TEST_1234567890", request.Headers["Authorization"]);
        Assert.DoesNotContain("KEY_TEST_1234567890", error.ToString());
    }

    [Fact]
    public async Task RetryableStatusesAreRetriedThenSucceed()
    {
        int calls = 0;
        await using var server = new LoopbackServer(_ => ++calls < 3
            ? new CannedResponse(503, "{}", new Dictionary<string, string> { ["Retry-After"] = "0" })
            : new CannedResponse(200, """{"data":{"id":"9"}}"""));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        Fqdn fqdn = await client.Fqdns.RetrieveAsync("9");

        Assert.Equal("9", fqdn.Id);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ClientErrorsAreNotRetried()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(404, """{"errors":[]}"""));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        await Assert.ThrowsAsync<NotFoundException>(() => client.Fqdns.RetrieveAsync("9"));
        Assert.Single(server.Requests);
    }
}
