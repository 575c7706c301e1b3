using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Calls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telnyx.Sip.Runtime;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// A real ASP.NET Core minimal API on Kestrel (loopback), written as a user would: the client from DI, the body read
/// raw, <c>Unwrap(body, request.Headers)</c>; a signed POST over HTTP is accepted, a tampered or stale one refused.
/// </summary>
public sealed class WebhookReceiverAppTests : IAsyncLifetime
{
    private readonly WebhookSigner _signer = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddCallsClient(options => options.WebhookKey = _signer.PublicKeyBase64);
        _app = builder.Build();
        _app.MapPost("/webhooks/calls", async (HttpRequest request, CallsClient client) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            try
            {
                WebhookEvent received = client.Webhooks.Unwrap(body, request.Headers);
                return received.TryGetCallHangupEvent(out CallHangupEvent? hangup)
                    ? Results.Text($"hangup {hangup.Data?.Payload?.HangupCause}")
                    : Results.Text($"other {received.Discriminator}");
            }
            catch (WebhookVerificationException error)
            {
                return Results.Text(error.Reason.ToString(), statusCode: StatusCodes.Status400BadRequest);
            }
        });
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(string body, long timestamp, string? signedBody = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/calls") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("telnyx-timestamp", timestamp.ToString());
        request.Headers.Add("telnyx-signature-ed25519", _signer.SignTelnyx(timestamp, signedBody ?? body));
        using HttpResponseMessage response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private const string Hangup = """{"data":{"event_type":"call.hangup","id":"e1","payload":{"hangup_cause":"normal_clearing","to":"+35319605860 ✓"}}}""";

    [Fact]
    public async Task ASignedPostIsAcceptedAndReadAsItsEvent()
    {
        var (status, text) = await PostAsync(Hangup, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hangup normal_clearing", text);
    }

    [Fact]
    public async Task AnEventTypeTheSpecDoesNotListIsAcceptedRaw()
    {
        const string body = """{"data":{"event_type":"call.recording.saved","id":"e2","payload":{}}}""";

        var (status, text) = await PostAsync(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("other call.recording.saved", text);
    }

    [Fact]
    public async Task ATamperedOrStalePostIsRefused()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var tampered = await PostAsync(Hangup.Replace("normal_clearing", "busy", StringComparison.Ordinal), now, signedBody: Hangup);
        var stale = await PostAsync(Hangup, now - 3600);

        Assert.Equal((HttpStatusCode.BadRequest, nameof(WebhookFailure.BadSignature)), tampered);
        Assert.Equal((HttpStatusCode.BadRequest, nameof(WebhookFailure.StaleTimestamp)), stale);
    }
}
