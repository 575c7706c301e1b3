using Telnyx.Sip.Runtime;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Contract.Tests;

/// <summary>The API's error responses, asked of Prism with its Prefer header, become typed exceptions.</summary>
[Collection(PrismCollection.Name)]
public class ErrorPathTests(PrismFixture prism)
{
    private static RequestOptions Prefer(int status) => new() { Headers = { ["Prefer"] = $"code={status}" } };

    [Fact]
    public async Task A401IsAnUnauthorizedExceptionWithTheApisError()
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            prism.Client.CredentialConnections.RetrieveAsync("1293384261075731499", Prefer(401)));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("10009", error.Errors.Single().Code);
        Assert.Equal("Authentication failed", error.Errors.Single().Title);
        Assert.Equal("9d2cc0a5-3b0c-4a6f-8f5e-4f1b6a3a2f10", error.RequestId);
        Assert.DoesNotContain("KEY_CONTRACT_TEST", error.ToString());
    }

    [Fact]
    public async Task A404IsANotFoundExceptionWithTheApisError()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            prism.Client.FqdnConnections.RetrieveAsync("1293384261075731499", Prefer(404)));

        ApiError detail = error.Errors.Single();
        Assert.Equal("10005", detail.Code);
        Assert.Equal("Resource not found", detail.Title);
        Assert.Equal("https://developers.telnyx.com/docs/overview/errors/10005", detail.DocumentationUrl);
        Assert.Equal("9d2cc0a5-3b0c-4a6f-8f5e-4f1b6a3a2f10", error.RequestId);
    }

    [Fact]
    public async Task A422IsAnUnprocessableEntityExceptionPointingAtTheBadMember()
    {
        var error = await Assert.ThrowsAsync<UnprocessableEntityException>(() =>
            prism.Client.CredentialConnections.UpdateAsync("1293384261075731499", new() { ConnectionName = "x" }, Prefer(422)));

        ApiError detail = error.Errors.Single();
        Assert.Equal("10015", detail.Code);
        Assert.Equal("/inbound/dnis_number_format", detail.SourcePointer);
        Assert.Equal("9d2cc0a5-3b0c-4a6f-8f5e-4f1b6a3a2f10", error.RequestId);
        Assert.Contains("{\"errors\"", error.RawBody);
    }

    [Fact]
    public async Task PrismRejectsARequestThatBreaksTheSpec()
    {
        // The check the operation tests rely on: Prism does report a request that violates the spec.
        int before = prism.Server.Log.Count;
        // Enums are open in C#, so a value the spec does not list can be sent; the API's spec forbids it.
        await Assert.ThrowsAnyAsync<ApiException>(() =>
            prism.Client.CredentialConnections.UpdateAsync("1293384261075731499", new() { DtmfType = new DtmfType("Morse code") }));

        string[] log = await prism.SettledLogSince(before);
        Assert.Contains(log, line => line.Contains("Violation:", System.StringComparison.Ordinal));
    }
}
