using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>What users' tests lean on: the journal, reset, faults, thread safety, state per instance, and the loopback server.</summary>
public sealed class HostingAndFaultsTests
{
    private static CreateCredentialConnectionRequest NewConnection(string name) => new()
    {
        UserName = "user" + name.Replace(" ", ""),
        Password = "secret-password",
        ConnectionName = name,
    };

    [Fact]
    public async Task The_journal_records_each_request_with_its_operation_status_and_decoded_query()
    {
        var emulator = Sip.Emulator();
        TelnyxSipClient client = Sip.Client(emulator);

        await client.CredentialConnections.CreateAsync(NewConnection("Office"));
        await foreach (CredentialConnection _ in client.CredentialConnections.ListAsync(new() { Filter = new() { ConnectionName = new() { Contains = "off" } } }))
        {
        }

        RecordedRequest[] journal = emulator.Journal.ToArray();
        Assert.Equal(["CreateCredentialConnection", "ListCredentialConnections"], journal.Select(r => r.OperationId));
        Assert.Equal([201, 200], journal.Select(r => r.Status));
        Assert.Equal("/credential_connections", journal[1].Path);
        Assert.Contains(journal[1].Query, q => q.Key == "filter[connection_name][contains]" && q.Value == "off");
        Assert.Contains("\"connection_name\":\"Office\"", journal[0].Body, StringComparison.Ordinal);
        Assert.Equal("***", journal[0].Headers["Authorization"]); // the key is not kept
    }

    [Fact]
    public async Task Reset_forgets_items_journal_and_faults_and_restarts_ids()
    {
        var emulator = Sip.Emulator();
        TelnyxSipClient client = Sip.Client(emulator);
        string firstId = (await client.CredentialConnections.CreateAsync(NewConnection("A"))).Id;
        emulator.Faults.Next(5, Fault.ServiceUnavailable());

        emulator.Reset();
        string againId = (await client.CredentialConnections.CreateAsync(NewConnection("A"))).Id;

        Assert.Equal(firstId, againId);
        Assert.Single(emulator.Items("/credential_connections"));
        Assert.Single(emulator.Journal);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_by_the_client()
    {
        var emulator = Sip.Emulator();
        TelnyxSipClient client = Sip.Client(emulator, maxRetries: 2);
        emulator.Faults.Next(1, Fault.TooManyRequests(TimeSpan.Zero));

        await client.CredentialConnections.CreateAsync(NewConnection("A"), new RequestOptions { IdempotencyKey = "k1" });

        Assert.Equal([429, 201], emulator.Journal.Select(r => r.Status));
        Assert.Equal(429, emulator.Journal[0].Fault!.StatusCode);
        Assert.Single(emulator.Items("/credential_connections"));
    }

    [Fact]
    public async Task Faults_answer_429_and_503_in_the_spec_error_shape_with_Retry_After()
    {
        var emulator = Sip.Emulator();
        emulator.Faults.Next(1, Fault.TooManyRequests(TimeSpan.FromSeconds(3))).Next(1, Fault.ServiceUnavailable());
        using HttpClient http = emulator.CreateHttpClient();

        HttpResponseMessage limited = await http.GetAsync("credential_connections");
        HttpResponseMessage unavailable = await http.GetAsync("credential_connections");

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.NotNull(JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["errors"]);
        Assert.Equal(503, (int)unavailable.StatusCode);
    }

    [Fact]
    public async Task A_dropped_connection_reaches_the_client_as_a_connection_failure()
    {
        var emulator = Sip.Emulator();
        TelnyxSipClient client = Sip.Client(emulator, maxRetries: 0);
        emulator.Faults.Next(1, Fault.DropConnection());

        await Assert.ThrowsAsync<ApiConnectionException>(() => client.CredentialConnections.RetrieveAsync("1"));
        Assert.Equal(0, emulator.Journal.Single().Status);
    }

    [Fact]
    public async Task Latency_delays_the_answer_and_a_client_timeout_fires()
    {
        var emulator = Sip.Emulator();
        var client = new TelnyxSipClient(new TelnyxSipClientOptions
        {
            HttpClient = new HttpClient(emulator.CreateHandler()),
            BaseUrl = emulator.BaseUrl,
            ApiKey = "k",
            MaxRetries = 0,
            Timeout = TimeSpan.FromMilliseconds(200),
        });
        emulator.Faults.Next(1, Fault.Latency(TimeSpan.FromSeconds(5)));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ApiTimeoutException>(() => client.CredentialConnections.RetrieveAsync("1"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_share_of_calls_fails_and_the_same_seed_fails_the_same_calls()
    {
        async Task<int[]> Run()
        {
            var emulator = Sip.Emulator(new EmulatorOptions { Seed = 3 });
            emulator.Faults.Sometimes(0.5, Fault.ServiceUnavailable());
            using HttpClient http = emulator.CreateHttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", "k");
            for (int i = 0; i < 40; i++)
            {
                await http.GetAsync("credential_connections");
            }

            return emulator.Journal.Select(r => r.Status).ToArray();
        }

        int[] first = await Run();
        int[] second = await Run();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(s => s == 503), 8, 32);
    }

    [Fact]
    public async Task Concurrent_creates_are_all_kept_with_distinct_ids()
    {
        var emulator = Sip.Emulator();
        TelnyxSipClient client = Sip.Client(emulator);

        CredentialConnection[] created = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => client.CredentialConnections.CreateAsync(NewConnection($"C{i}")))));

        Assert.Equal(64, created.Select(c => c.Id).Distinct().Count());
        Assert.Equal(64, emulator.Items("/credential_connections").Count);
        Assert.Equal(64, emulator.Journal.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task State_belongs_to_each_instance()
    {
        var a = Sip.Emulator();
        var b = Sip.Emulator();

        await Sip.Client(a).CredentialConnections.CreateAsync(NewConnection("A"));

        Assert.Single(a.Items("/credential_connections"));
        Assert.Empty(b.Items("/credential_connections"));
    }

    [Fact]
    public async Task The_loopback_server_serves_the_same_state_with_and_without_the_base_path()
    {
        var emulator = Sip.Emulator();
        emulator.Seed("/credential_connections", """{"connection_name":"Seeded"}""");
        await using EmulatorServer server = await emulator.ServeAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "k");

        string viaBase = await http.GetStringAsync(new Uri(server.BaseUrl, "credential_connections"));
        string viaRoot = await http.GetStringAsync(new Uri(server.Root, "credential_connections"));
        HttpResponseMessage created = await http.PostAsync(new Uri(server.BaseUrl, "credential_connections"),
            new StringContent("""{"user_name":"u12345","password":"p","connection_name":"Over HTTP"}""", Encoding.UTF8, "application/json"));

        Assert.StartsWith("http://127.0.0.1:", server.Root.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("/v2/", server.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("Seeded", viaBase, StringComparison.Ordinal);
        Assert.Equal(viaBase, viaRoot);
        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal(2, emulator.Items("/credential_connections").Count);
    }

    [Fact]
    public async Task A_dropped_connection_on_the_loopback_server_is_a_transport_failure()
    {
        var emulator = Sip.Emulator();
        emulator.Faults.Next(1, Fault.DropConnection());
        await using EmulatorServer server = await emulator.ServeAsync();
        using var http = new HttpClient();

        Exception? error = await Record.ExceptionAsync(() => http.GetAsync(new Uri(server.Root, "credential_connections")));

        Assert.True(error is HttpRequestException, $"{error} / {string.Join(", ", emulator.Journal.Select(r => r.Status))}");
    }

    [Fact]
    public void Seeding_an_unknown_collection_names_the_known_ones()
    {
        var emulator = Sip.Emulator();

        ArgumentException error = Assert.Throws<ArgumentException>(() => emulator.Seed("/nope", new JsonObject()));

        Assert.Contains("/credential_connections", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just: [unclosed")]
    [InlineData("- a list")]
    public void A_spec_that_is_not_a_mapping_is_a_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => new ApiEmulator(text));
    }

    [Fact]
    public async Task The_journal_keeps_the_newest_requests_up_to_its_capacity_and_counts_on()
    {
        var emulator = Sip.Emulator(new EmulatorOptions { JournalCapacity = 3 });
        TelnyxSipClient client = Sip.Client(emulator);

        for (int i = 0; i < 5; i++)
        {
            await client.CredentialConnections.CreateAsync(NewConnection("Office " + i));
        }

        Assert.Equal([3, 4, 5], emulator.Journal.Select(r => r.Sequence));
        Assert.Equal(5, emulator.Items("/credential_connections").Count); // only the journal is bounded
        emulator.Reset();
        await client.CredentialConnections.CreateAsync(NewConnection("Office"));
        Assert.Equal([1], emulator.Journal.Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_journal_capacity_of_zero_keeps_no_requests()
    {
        var emulator = Sip.Emulator(new EmulatorOptions { JournalCapacity = 0 });
        TelnyxSipClient client = Sip.Client(emulator);

        await client.CredentialConnections.CreateAsync(NewConnection("Office"));

        Assert.Empty(emulator.Journal);
        Assert.Single(emulator.Items("/credential_connections"));
    }

    /// <summary>An emulator for a spec with one operation, <c>GET /pings</c>, after <paramref name="head"/> (info, servers, security).</summary>
    private static ApiEmulator Pings(string head) => new(head + "\n" + """
        paths:
          /pings:
            get:
              operationId: listPings
              responses:
                "200": { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
        """);

    [Fact]
    public async Task Credentials_in_the_headers_the_spec_names_are_recorded_masked_by_both_hosts()
    {
        ApiEmulator emulator = Pings("""
            openapi: 3.0.3
            info: { title: Keys, version: "1" }
            servers: [{ url: "https://api.example.com" }]
            security: [{ key: [] }, { session: [] }]
            components:
              securitySchemes:
                key: { type: apiKey, in: header, name: X-Api-Key }
                session: { type: apiKey, in: cookie, name: sid }
            """);
        await using EmulatorServer server = await emulator.ServeAsync();

        foreach (Uri baseUrl in new[] { emulator.BaseUrl, server.BaseUrl })
        {
            using HttpClient http = baseUrl == emulator.BaseUrl ? emulator.CreateHttpClient() : new HttpClient { BaseAddress = baseUrl };
            using var request = new HttpRequestMessage(HttpMethod.Get, "pings");
            request.Headers.Add("X-Api-Key", "secret-key");
            request.Headers.Add("Cookie", "sid=secret-session");
            request.Headers.Add("X-Trace", "trace-1");
            using HttpResponseMessage response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode); // the masked key still counts as a credential
        }

        Assert.Equal(2, emulator.Journal.Count);
        foreach (RecordedRequest recorded in emulator.Journal)
        {
            Assert.Equal("***", recorded.Headers["x-api-key"]);
            Assert.Equal("sid=***", recorded.Headers["Cookie"]);
            Assert.Equal("trace-1", recorded.Headers["X-Trace"]);
        }
    }

    [Fact]
    public async Task A_cookie_scheme_is_satisfied_by_its_cookie_among_others_and_only_by_it()
    {
        ApiEmulator emulator = Pings("""
            openapi: 3.0.3
            info: { title: Cookies, version: "1" }
            servers: [{ url: "https://api.example.com" }]
            security: [{ session: [] }]
            components:
              securitySchemes:
                session: { type: apiKey, in: cookie, name: sid }
            """);
        await using EmulatorServer server = await emulator.ServeAsync();

        foreach (Uri baseUrl in new[] { emulator.BaseUrl, server.BaseUrl })
        {
            using HttpClient http = baseUrl == emulator.BaseUrl ? emulator.CreateHttpClient() : new HttpClient { BaseAddress = baseUrl };
            async Task<int> Get(string? cookie)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "pings");
                if (cookie is not null)
                {
                    request.Headers.Add("Cookie", cookie);
                }

                using HttpResponseMessage response = await http.SendAsync(request);
                return (int)response.StatusCode;
            }

            Assert.Equal(200, await Get("theme=dark; sid=secret-session"));
            Assert.Equal(200, await Get("sid=secret-session"));
            Assert.Equal(401, await Get("theme=dark; session=sid"));
            Assert.Equal(401, await Get("sid")); // a pair without '=' is a value with no name (RFC 6265bis)
            Assert.Equal(401, await Get(null));
        }

        Assert.Equal("theme=***; sid=***", emulator.Journal[0].Headers["Cookie"]);
        Assert.Equal("theme=***; session=***", emulator.Journal[2].Headers["Cookie"]);
        Assert.Equal("***", emulator.Journal[3].Headers["Cookie"]);
        Assert.DoesNotContain(emulator.Journal, recorded => recorded.Headers.Values.Any(value => value.Contains("secret", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_query_api_key_satisfies_its_scheme_and_is_journaled_masked()
    {
        ApiEmulator emulator = Pings("""
            openapi: 3.0.3
            info: { title: Query keys, version: "1" }
            servers: [{ url: "https://api.example.com" }]
            security: [{ key: [] }]
            components:
              securitySchemes:
                key: { type: apiKey, in: query, name: api_key }
            """);
        using HttpClient http = emulator.CreateHttpClient();

        Assert.Equal(200, (int)(await http.GetAsync("pings?api_key=secret-key&page=2")).StatusCode);
        Assert.Equal(401, (int)(await http.GetAsync("pings?page=2")).StatusCode);

        Assert.Equal([new("api_key", "***"), new("page", "2")], emulator.Journal[0].Query);
        Assert.Equal([new("page", "2")], emulator.Journal[1].Query);
    }

    [Fact]
    public async Task A_server_path_with_variables_is_served_with_their_defaults_as_the_client_sends_it()
    {
        ApiEmulator emulator = Pings("""
            openapi: 3.0.3
            info: { title: Versions, version: "1" }
            servers:
            - url: "https://{region}.api.example.com/{version}/r{release}"
              variables:
                region: { default: eu }
                version: { default: v3, enum: [v2, v3] }
                release: { default: 2 }
            """);

        Assert.Equal("/v3/r2/", emulator.BaseUrl.AbsolutePath); // a number default too, as the generator reads it
        using HttpClient http = emulator.CreateHttpClient();
        using HttpResponseMessage response = await http.GetAsync("pings");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_stored_item_is_answered_as_it_is_now_after_each_change()
    {
        var emulator = Sip.Emulator();
        TelnyxSipClient client = Sip.Client(emulator);
        string id = (await client.CredentialConnections.CreateAsync(NewConnection("Office"))).Id;
        using HttpClient http = emulator.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "test-key");

        async Task<string> Get() => await http.GetStringAsync("credential_connections/" + id);
        void AssertIsStored(string body) =>
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body)!["data"], emulator.Find("/credential_connections", id)), body);

        string first = await Get();
        Assert.Equal(first, await Get()); // the same answer twice while nothing changed
        AssertIsStored(first);

        await client.CredentialConnections.UpdateAsync(id, new() { ConnectionName = "Office renamed" });
        string renamed = await Get();
        Assert.Contains("\"connection_name\":\"Office renamed\"", renamed, StringComparison.Ordinal);
        AssertIsStored(renamed);

        emulator.Seed("/credential_connections", """{"id":"77","connection_name":"Seeded","user_name":"seeded1","password":"secret-password"}""");
        AssertIsStored(await Get()); // another item's arrival changes nothing here

        using HttpResponseMessage deleted = await http.DeleteAsync("credential_connections/" + id);
        Assert.Equal(renamed, await deleted.Content.ReadAsStringAsync()); // the delete answers with the item as it was
        using HttpResponseMessage gone = await http.GetAsync("credential_connections/" + id);
        Assert.Equal(404, (int)gone.StatusCode);
    }
}
