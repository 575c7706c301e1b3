using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip;
using Telnyx.Sip.Emulator;
using Telnyx.Sip.Runtime;
using Telnyx.Sip.Mock;

// A day with the Telnyx SIP client: create, find, update, read back, check registration, page, delete, handle errors.
//
// Where it runs (the first argument, else TELNYX_SAMPLE_TARGET):
//   emulator             the default: the API emulator of specs/telnyx-sip.yaml, in process (only the .NET SDK needed)
//   emulator-via-prism   the emulator on a loopback port behind Prism's validation proxy, which checks every
//                        request and response against the spec; any violation fails the run (needs Node.js)
//   prism                the Prism mock: static answers from the spec's examples (needs Node.js)
// With TELNYX_API_KEY set it runs against the real API instead.

// Tracing: the client's spans, as an OpenTelemetry exporter would receive them (TELNYX_LOG=info shows its log lines).
int traced = 0;
using var tracing = new ActivityListener
{
    ShouldListenTo = source => source.Name == "Telnyx.Sip",
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
    ActivityStopped = _ => Interlocked.Increment(ref traced),
};
ActivitySource.AddActivityListener(tracing);

bool live = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TELNYX_API_KEY"));
string target = live ? "live" : (args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("TELNYX_SAMPLE_TARGET") ?? "emulator").Trim().ToLowerInvariant();
if (target is not ("live" or "emulator" or "emulator-via-prism" or "prism"))
{
    Console.Error.WriteLine($"Unknown target '{target}': use emulator, emulator-via-prism or prism (or set TELNYX_API_KEY for the real API).");
    return 2;
}

ApiEmulator? emulator = null;
EmulatorServer? served = null;
PrismServer? prism = null;
var violations = new ViolationCounter();
TelnyxSipClientOptions options = new() { MaxRetries = 2 };
if (target != "live")
{
    options.ApiKey = "sample-key";
}

if (target is "emulator" or "emulator-via-prism")
{
    using Stream spec = Assembly.GetExecutingAssembly().GetManifestResourceStream("telnyx-sip.yaml")!;
    emulator = ApiEmulator.FromStream(spec);
    foreach (string name in new[] { "Office Berlin", "Warehouse Hamburg", "Office Chicago", "Call centre Austin", "Office Lisbon", "Front desk Tokyo" })
    {
        emulator.Seed("/credential_connections", $$"""{"connection_name": "{{name}}", "user_name": "{{name.Replace(" ", "").ToLowerInvariant()}}", "active": true}""");
    }
}

if (target == "emulator")
{
    Console.WriteLine("TELNYX_API_KEY is not set: using the API emulator of specs/telnyx-sip.yaml, in process.");
    options.HttpClient = new HttpClient(emulator!.CreateHandler());
    options.BaseUrl = emulator.BaseUrl;
}
else if (target == "emulator-via-prism")
{
    string root = PrismServer.FindRepoRoot(AppContext.BaseDirectory);
    served = await emulator!.ServeAsync();
    Console.WriteLine($"Serving the API emulator at {served.Root}; starting Prism's validation proxy in front of it …");
    prism = await PrismServer.StartProxyAsync(root, Path.Combine(root, "specs", "telnyx-sip.yaml"), served.Root);
    options.HttpClient = new HttpClient(violations);
    options.BaseUrl = prism.BaseUrl;
}
else if (target == "prism")
{
    string root = PrismServer.FindRepoRoot(AppContext.BaseDirectory);
    Console.WriteLine("Starting the Prism mock of specs/telnyx-sip.yaml (static answers from the spec's examples) …");
    prism = await PrismServer.StartAsync(root, Path.Combine(root, "specs", "telnyx-sip.yaml"));
    options.BaseUrl = prism.BaseUrl;
}

try
{
    var client = new TelnyxSipClient(options);
    Console.WriteLine($"Talking to {client.Pipeline.BaseUrl} ({target})");

    Section("1. Create a credential connection");
    CredentialConnection created = await client.CredentialConnections.CreateAsync(new()
    {
        UserName = "office42sample",
        Password = "correct-horse-battery-staple",
        ConnectionName = "Office (sample)",
        AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
        DtmfType = DtmfType.Rfc2833,
        EncryptedMedia = EncryptedMedia.Srtp,
    });
    Console.WriteLine($"created   {created.Id}  \"{created.ConnectionName}\"  anchorsite={created.AnchorsiteOverride}  media={created.EncryptedMedia}  at {created.CreatedAt}");

    Section("2. Credential connections whose name contains \"office\", by name");
    var rows = new List<string[]>();
    await foreach (CredentialConnection c in client.CredentialConnections.ListAsync(new()
    {
        Filter = new() { ConnectionName = new() { Contains = "office" } },
        Page = new() { Size = 20 },
        Sort = ConnectionSort.ConnectionName,
    }))
    {
        rows.Add([c.Id, c.ConnectionName ?? "", c.AnchorsiteOverride?.Value ?? "", c.Id == created.Id ? "<- created above" : ""]);
        if (rows.Count == 10)
        {
            break;
        }
    }

    Table(["id", "name", "anchorsite", ""], rows);

    Section("3. Update it: rename and clear the media encryption (sends \"encrypted_media\": null)");
    var update = new UpdateCredentialConnectionRequest { ConnectionName = "Office (sample, renamed)", EncryptedMedia = null };
    Console.WriteLine($"request   {update}");
    CredentialConnection updated = await client.CredentialConnections.UpdateAsync(created.Id, update);
    Console.WriteLine($"updated   {updated.Id}  \"{updated.ConnectionName}\"  media={updated.EncryptedMedia?.Value ?? "none"}  at {updated.UpdatedAt}");

    Section("4. Read it back");
    CredentialConnection read = await client.CredentialConnections.RetrieveAsync(created.Id);
    Console.WriteLine($"retrieved {read.Id}  \"{read.ConnectionName}\"  media={read.EncryptedMedia?.Value ?? "none"}  anchorsite={read.AnchorsiteOverride}");

    Section("5. Check its SIP registration status");
    ApiResponse<RegistrationStatus> status = await client.CredentialConnections.Actions.CheckRegistrationStatusWithResponseAsync(created.Id);
    Console.WriteLine($"status    {status.Value.Status}  last registration {status.Value.LastRegistration}  ({status.StatusCode}, request id {status.RequestId ?? "-"})");

    Section("6. Page through all credential connections, three to a page");
    int pages = 0;
    await foreach (Page<CredentialConnection> page in client.CredentialConnections.ListAsync(new() { Page = new() { Size = 3 }, Sort = ConnectionSort.ConnectionName }).AsPages())
    {
        PageMeta? meta = page.Meta;
        string names = string.Join(", ", page.Items.Select(c => c.ConnectionName));
        Console.WriteLine($"page {meta?.PageNumber ?? pages + 1} of {meta?.TotalPages?.ToString() ?? "?"} ({meta?.TotalResults?.ToString() ?? "?"} in all): {names}");
        if (++pages == 4)
        {
            Console.WriteLine("(stopping after 4 pages)");
            break;
        }
    }

    Section("7. Delete it, then try to read it again");
    CredentialConnection deleted = await client.CredentialConnections.DeleteAsync(created.Id);
    Console.WriteLine($"deleted   {deleted.Id}  \"{deleted.ConnectionName}\"");
    var again = new RequestOptions();
    if (target == "prism")
    {
        again.Headers["Prefer"] = "code=404"; // the mock has no state: ask it for the API's 404 answer
    }

    try
    {
        await client.CredentialConnections.RetrieveAsync(created.Id, again);
        Console.WriteLine("retrieved it again: the API still has it");
    }
    catch (NotFoundException error)
    {
        ApiError? first = error.Errors.FirstOrDefault();
        Console.WriteLine($"404       {first?.Code} {first?.Title}: {first?.Detail}");
        Console.WriteLine($"          request id {error.RequestId ?? "-"}");
    }

    if (target == "emulator")
    {
        Section("8. Ride out a rate limit (the emulator answers the next call 429, Retry-After: 0)");
        emulator!.Faults.Next(1, Fault.TooManyRequests(TimeSpan.Zero));
        int before = emulator.Journal.Count;
        string someId = emulator.Items("/credential_connections")[0]["id"]!.GetValue<string>();
        RegistrationStatus retried = await client.CredentialConnections.Actions.CheckRegistrationStatusAsync(someId);
        string statuses = string.Join(" then ", emulator.Journal.Skip(before).Select(r => r.Status));
        Console.WriteLine($"answered  {statuses}: the client retried and got status {retried.Status}");
    }

    Console.WriteLine($"\n{traced} operations traced.");
    if (target == "emulator-via-prism")
    {
        int found = violations.Count + prism!.Violations.Count;
        Console.WriteLine($"Prism's validation proxy: {violations.Checked} responses checked, {found} spec violation(s).");
        foreach (string line in violations.Lines.Concat(prism.Violations))
        {
            Console.WriteLine($"  {line}");
        }

        if (found > 0)
        {
            return 1;
        }
    }

    Console.WriteLine("\nDone.");
    return 0;
}
catch (ApiClientException error)
{
    Console.Error.WriteLine($"The sample failed: {error.Message}");
    return 1;
}
finally
{
    if (prism is not null)
    {
        await prism.DisposeAsync();
    }

    if (served is not null)
    {
        await served.DisposeAsync();
    }
}

static void Section(string title) => Console.WriteLine($"\n{title}\n{new string('-', title.Length)}");

static void Table(string[] headers, List<string[]> rows)
{
    if (rows.Count == 0)
    {
        Console.WriteLine("(none)");
        return;
    }

    int[] widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
    Console.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
    Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
    foreach (string[] row in rows)
    {
        Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }
}

/// <summary>Counts the responses Prism's validation proxy marks with an <c>sl-violations</c> header.</summary>
internal sealed class ViolationCounter() : DelegatingHandler(new HttpClientHandler())
{
    private readonly List<string> _lines = [];

    public int Checked { get; private set; }

    public int Count => _lines.Count;

    public IReadOnlyList<string> Lines => _lines;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        Checked++;
        if (response.Headers.TryGetValues("sl-violations", out IEnumerable<string>? values))
        {
            _lines.Add($"{request.Method} {request.RequestUri?.PathAndQuery} -> {(int)response.StatusCode}: {string.Join(" ", values)}");
        }

        return response;
    }
}
