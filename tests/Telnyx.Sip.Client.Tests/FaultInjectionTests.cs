using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// The client against a server that misbehaves on the wire. Each test checks the number of attempts, the waits
/// between them (generous tolerances), the typed outcome, and an upper bound on wall time.
/// </summary>
public class FaultInjectionTests
{
    private const string Connection = """{"data":{"id":"1293384261075731499","record_type":"credential_connection","connection_name":"office"}}""";
    private const string ErrorBody = """{"errors":[{"code":"10009","title":"Service unavailable","detail":"Try again later."}]}""";

    private static readonly Dictionary<string, string> RequestId = new() { ["x-request-id"] = "req-fault-1" };

    private static TimeSpan Gap(FaultServer server, int attempt)
    {
        RawRequest[] requests = server.Requests.ToArray();
        return requests[attempt].ArrivedAt - requests[attempt - 1].ArrivedAt;
    }

    [Fact]
    public async Task AResetBeforeTheResponseIsRetriedThenReportedAsAConnectionFailure()
    {
        await using var server = new FaultServer((_, _) => new Fault.ResetBeforeResponse());
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ApiConnectionException>(() => client.CredentialConnections.RetrieveAsync("1"));

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("3 attempt", error.Message);
        Assert.DoesNotContain("KEY_FAULT_0123456789", error.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    private static CreateCredentialConnectionRequest NewConnection() => new()
    {
        UserName = "office42",
        Password = "correct-horse-battery",
        ConnectionName = "Office",
    };

    [Fact]
    public async Task APostWhoseConnectionDropsAfterTheServerReadItIsAttemptedOnceAndSaysWhy()
    {
        await using var server = new FaultServer((_, _) => new Fault.ResetBeforeResponse());
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<ApiConnectionException>(() => client.CredentialConnections.CreateAsync(NewConnection()));

        Assert.Single(server.Requests);
        Assert.Contains("1 attempt", error.Message);
        Assert.Contains("POST was not retried because the server may already have applied it", error.Message);
        Assert.Contains("RequestOptions.IdempotencyKey", error.Message);
    }

    [Fact]
    public async Task APostWithAnIdempotencyKeyIsRetriedWithTheSameKeyOnEveryAttempt()
    {
        await using var server = new FaultServer((attempt, _) => attempt < 2
            ? new Fault.ResetBeforeResponse()
            : new Fault.Respond(201, Connection));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        CredentialConnection created = await client.CredentialConnections.CreateAsync(NewConnection(), new RequestOptions { IdempotencyKey = "create-office-42" });

        Assert.Equal("1293384261075731499", created.Id);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("create-office-42", r.Headers["Idempotency-Key"]));
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(503, null)]
    [InlineData(409, null)]
    [InlineData(502, "0")]
    [InlineData(503, "0")]
    [InlineData(429, null)]
    [InlineData(408, null)]
    public async Task APostIsRetriedOnAStatusOnlyWhenTheStatusShowsItWasNotApplied(int status, string? retryAfter)
    {
        Dictionary<string, string> headers = retryAfter is null ? new() : new() { ["Retry-After"] = retryAfter };
        await using var server = new FaultServer((attempt, _) => attempt == 0
            ? new Fault.Respond(status, ErrorBody, Headers: headers)
            : new Fault.Respond(201, Connection));
        var client = new TelnyxSipClient(server.Options(maxRetries: 1));
        bool notApplied = status is 408 or 429 || retryAfter is not null;

        if (notApplied)
        {
            await client.CredentialConnections.CreateAsync(NewConnection());
            Assert.Equal(2, server.Requests.Count);
        }
        else
        {
            var error = await Assert.ThrowsAnyAsync<ApiException>(() => client.CredentialConnections.CreateAsync(NewConnection()));
            Assert.Equal(status, error.StatusCode);
            Assert.Single(server.Requests);
        }
    }

    [Fact]
    public async Task APostThatTimesOutIsNotRetriedWithoutAnIdempotencyKey()
    {
        await using var server = new FaultServer((_, _) => new Fault.NeverAnswer());
        var client = new TelnyxSipClient(server.Options(maxRetries: 2, timeoutSeconds: 0.3));

        var error = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.CredentialConnections.CreateAsync(NewConnection()));

        Assert.Single(server.Requests);
        Assert.Contains("POST was not retried", error.Message);
    }

    [Fact]
    public async Task APostToAPortNobodyListensOnIsRetriedBecauseNoConnectionWasMade()
    {
        int port = LoopbackServer.FreePort();
        var handler = new CountingHandler(new SocketsHttpHandler());
        var client = new TelnyxSipClient(new TelnyxSipClientOptions
        {
            ApiKey = "KEY_FAULT_0123456789",
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v2"),
            MaxRetries = 2,
            HttpClient = new HttpClient(handler),
        });

        var error = await Assert.ThrowsAsync<ApiConnectionException>(() => client.CredentialConnections.CreateAsync(NewConnection()));

        Assert.Equal(3, handler.Attempts);
        Assert.Contains("3 attempt", error.Message);
    }

    [Fact]
    public async Task AResetDuringTheBodyIsRetriedAndTheNextAttemptSucceeds()
    {
        await using var server = new FaultServer((attempt, _) => attempt < 2
            ? new Fault.ResetDuringBody(200, Connection, BytesSent: 20)
            : new Fault.Respond(200, Connection));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        CredentialConnection connection = await client.CredentialConnections.RetrieveAsync("1");

        Assert.Equal("1293384261075731499", connection.Id);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerErrorsLongerThanTheRetryBudgetEndInAServerExceptionAfterBackoff(int status)
    {
        await using var server = new FaultServer((_, _) => new Fault.Respond(status, ErrorBody, Headers: RequestId));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ServerException>(() => client.Fqdns.RetrieveAsync("1"));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("10009", error.Errors.Single().Code);
        Assert.Equal(ErrorBody, error.RawBody);
        Assert.Equal("req-fault-1", error.RequestId);
        // Exponential backoff with up to 25 % jitter: 0.5 s then 1 s, each at least 75 % of that.
        Assert.InRange(Gap(server, 1), TimeSpan.FromSeconds(0.35), TimeSpan.FromSeconds(3));
        Assert.InRange(Gap(server, 2), TimeSpan.FromSeconds(0.7), TimeSpan.FromSeconds(4));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A429WithRetryAfterInSecondsWaitsThatLong()
    {
        await using var server = new FaultServer((attempt, _) => attempt == 0
            ? new Fault.Respond(429, """{"errors":[{"code":"10011","title":"Too many requests"}]}""", Headers: new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new Fault.Respond(200, Connection));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        await client.CredentialConnections.RetrieveAsync("1");

        Assert.Equal(2, server.Requests.Count);
        Assert.InRange(Gap(server, 1), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A429WithRetryAfterAsAnHttpDateWaitsUntilThen()
    {
        await using var server = new FaultServer((attempt, _) => attempt == 0
            ? new Fault.Respond(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R") })
            : new Fault.Respond(200, Connection));
        var client = new TelnyxSipClient(server.Options(maxRetries: 1));

        await client.CredentialConnections.RetrieveAsync("1");

        Assert.Equal(2, server.Requests.Count);
        // HTTP dates have whole seconds, so the wait is between one and two seconds.
        Assert.InRange(Gap(server, 1), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task RateLimitsLongerThanTheBudgetEndInARateLimitException()
    {
        await using var server = new FaultServer((_, _) => new Fault.Respond(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "0" }));
        var client = new TelnyxSipClient(server.Options(maxRetries: 3));

        await Assert.ThrowsAsync<RateLimitException>(() => client.Ips.RetrieveAsync("1"));
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutOnEveryAttempt()
    {
        await using var server = new FaultServer((_, _) => new Fault.NeverAnswer());
        var client = new TelnyxSipClient(server.Options(maxRetries: 1, timeoutSeconds: 0.3));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.Connections.RetrieveAsync("1"));

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("Timeout", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task APerCallTimeoutAndRetryCountOverrideTheClients()
    {
        await using var server = new FaultServer((_, _) => new Fault.NeverAnswer());
        var client = new TelnyxSipClient(server.Options(maxRetries: 5, timeoutSeconds: 60));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<ApiTimeoutException>(() =>
            client.Connections.RetrieveAsync("1", new RequestOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 }));

        Assert.Single(server.Requests);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationStopsAWaitBetweenRetriesAtOnce()
    {
        // Cancelled 200 ms after the server has the request (a timer started before sending could fire before the
        // request arrives on a loaded machine), so that the cancellation lands in the 30-second wait.
        using var cancellation = new CancellationTokenSource();
        await using var server = new FaultServer((_, _) =>
        {
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            return new Fault.Respond(503, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "30" });
        });
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Connections.RetrieveAsync("1", cancellationToken: cancellation.Token));

        Assert.Single(server.Requests);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CancellationStopsARequestInFlight()
    {
        await using var server = new FaultServer((_, _) => new Fault.NeverAnswer());
        var client = new TelnyxSipClient(server.Options(maxRetries: 2, timeoutSeconds: 60));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Connections.RetrieveAsync("1", cancellationToken: cancellation.Token));

        Assert.Single(server.Requests);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ABodyCutOffMidJsonIsASerializationErrorWithTheRawBody()
    {
        string cut = Connection[..40];
        await using var server = new FaultServer((_, _) => new Fault.Respond(200, cut));
        var client = new TelnyxSipClient(server.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<ApiSerializationException>(() => client.CredentialConnections.RetrieveAsync("1"));

        Assert.Single(server.Requests);
        Assert.Equal(cut, error.RawBody);
        Assert.StartsWith("$", error.Path);
    }

    [Fact]
    public async Task AnHtmlErrorPageWithA502KeepsItsBody()
    {
        const string html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        await using var server = new FaultServer((_, _) => new Fault.Respond(502, html, "text/html"));
        var client = new TelnyxSipClient(server.Options(maxRetries: 1));

        var error = await Assert.ThrowsAsync<ServerException>(() => client.Ips.RetrieveAsync("1"));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(html, error.RawBody);
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task AnEmptyNoContentResponseIsATypedErrorWhereABodyIsExpected()
    {
        await using var server = new FaultServer((_, _) => new Fault.Respond(204, ""));
        var client = new TelnyxSipClient(server.Options());

        var error = await Assert.ThrowsAsync<ApiSerializationException>(() => client.Fqdns.DeleteAsync("1"));

        Assert.Single(server.Requests);
        Assert.Contains("empty", error.Message);
        Assert.Equal("", error.RawBody);
    }

    [Fact]
    public async Task AnEmptyNoContentResponseIsASuccessWhereNoBodyIsExpected()
    {
        await using var server = new FaultServer((_, _) => new Fault.Respond(204, ""));
        var client = new TelnyxSipClient(server.Options());

        ApiResponse response = await client.Pipeline.SendAsync(new Runtime.ApiRequest(HttpMethod.Delete, "fqdns/1"), null, CancellationToken.None);

        Assert.Equal(204, response.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AThousandItemPageIsReadInOneRequest()
    {
        string items = string.Join(",", Enumerable.Range(0, 1000).Select(i =>
            $$$"""{"id":"{{{i}}}","record_type":"fqdn_connection","connection_name":"trunk {{{i}}}","anchorsite_override":"Chicago, IL","inbound":{"codecs":["G722","PCMU"]}}"""));
        string page = $$$"""{"data":[{{{items}}}],"meta":{"page_number":1,"page_size":1000,"total_pages":1,"total_results":1000}}""";
        await using var server = new FaultServer((_, _) => new Fault.Respond(200, page));
        var client = new TelnyxSipClient(server.Options());

        var all = await client.FqdnConnections.ListAsync().ToListAsync();

        Assert.Equal(1000, all.Count);
        Assert.Equal("trunk 999", all[^1].ConnectionName);
        Assert.All(all, c => Assert.Equal(AnchorsiteOverride.ChicagoIL, c.AnchorsiteOverride));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task TheResponseOfAFailedAttemptIsDisposedBeforeTheNextAttempt()
    {
        await using var server = new FaultServer((attempt, _) => attempt < 2
            ? new Fault.Respond(503, ErrorBody, Headers: new Dictionary<string, string> { ["Retry-After"] = "0" })
            : new Fault.Respond(200, Connection));
        var tracker = new DisposalTracker(new SocketsHttpHandler());
        var options = server.Options(maxRetries: 2);
        options.HttpClient = new HttpClient(tracker);
        var client = new TelnyxSipClient(options);

        await client.CredentialConnections.RetrieveAsync("1");

        Assert.Equal(3, tracker.Sent);
        Assert.Equal(0, tracker.UndisposedWhenNextWasSent);
    }

    /// <summary>Counts, at each send, the earlier responses that have not been disposed yet.</summary>
    private sealed class DisposalTracker(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<TrackedContent> _contents = new();

        public int Sent { get; private set; }

        public int UndisposedWhenNextWasSent { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            UndisposedWhenNextWasSent += _contents.Count(c => !c.Disposed);
            Sent++;
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            var tracked = new TrackedContent(response.Content);
            _contents.Add(tracked);
            response.Content = tracked;
            return response;
        }
    }

    private sealed class TrackedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public TrackedContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(System.IO.Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
