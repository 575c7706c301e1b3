using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip;
using Telnyx.Sip.Runtime;
using Telnyx.Sip.Mock;

// A day with the Telnyx SIP client: list, create, update, check registration, page, delete, handle an error.
// Without TELNYX_API_KEY it runs against the Prism mock of specs/telnyx-sip.yaml, so it needs no account.

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
PrismServer? mock = null;
TelnyxSipClientOptions options = new() { MaxRetries = 2 };
if (!live)
{
    string root = PrismServer.FindRepoRoot(AppContext.BaseDirectory);
    Console.WriteLine("TELNYX_API_KEY is not set: starting the Prism mock of specs/telnyx-sip.yaml …");
    mock = await PrismServer.StartAsync(root, Path.Combine(root, "specs", "telnyx-sip.yaml"));
    options.ApiKey = "mock-key";
    options.BaseUrl = mock.BaseUrl;
}

try
{
    var client = new TelnyxSipClient(options);
    Console.WriteLine($"Talking to {client.Pipeline.BaseUrl}{(live ? "" : " (mock)")}\n");

    Section("1. Credential connections whose name contains \"office\"");
    var rows = new List<string[]>();
    await foreach (CredentialConnection c in client.CredentialConnections.ListAsync(new()
    {
        Filter = new() { ConnectionName = new() { Contains = "office" } },
        Page = new() { Size = 20 },
        Sort = ConnectionSort.ConnectionName,
    }))
    {
        rows.Add([c.Id, c.ConnectionName ?? "", c.AnchorsiteOverride?.Value ?? "", c.Active == true ? "yes" : "no"]);
        if (rows.Count == 5)
        {
            break;
        }
    }

    Table(["id", "name", "anchorsite", "active"], rows);

    Section("2. Create a credential connection");
    CredentialConnection created = await client.CredentialConnections.CreateAsync(new()
    {
        UserName = "office42sample",
        Password = "correct-horse-battery-staple",
        ConnectionName = "Office (sample)",
        AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
        DtmfType = DtmfType.Rfc2833,
        EncryptedMedia = EncryptedMedia.Srtp,
    });
    Console.WriteLine($"created   {created.Id}  {created.ConnectionName}  anchorsite={created.AnchorsiteOverride}  media={created.EncryptedMedia}");

    Section("3. Update it: rename and clear the media encryption (sends \"encrypted_media\": null)");
    var update = new UpdateCredentialConnectionRequest { ConnectionName = "Office (sample, renamed)", EncryptedMedia = null };
    Console.WriteLine($"request   {update}");
    CredentialConnection updated = await client.CredentialConnections.UpdateAsync(created.Id, update);
    Console.WriteLine($"updated   {updated.Id}  {updated.ConnectionName}  media={updated.EncryptedMedia?.Value ?? "none"}");

    Section("4. Check its SIP registration status");
    ApiResponse<RegistrationStatus> status = await client.CredentialConnections.Actions.CheckRegistrationStatusWithResponseAsync(created.Id);
    Console.WriteLine($"status    {status.Value.Status}  last registration {status.Value.LastRegistration}  ({status.StatusCode}, request id {status.RequestId ?? "-"})");

    Section("5. Page through all connections");
    int pages = 0;
    await foreach (Page<Connection> page in client.Connections.ListAsync(new() { Page = new() { Size = 25 } }).AsPages())
    {
        PageMeta? meta = page.Meta;
        Console.WriteLine($"page {meta?.PageNumber ?? pages + 1} of {meta?.TotalPages?.ToString() ?? "?"}: {page.Items.Count} connection(s), {meta?.TotalResults?.ToString() ?? "?"} in all");
        if (++pages == 3)
        {
            Console.WriteLine("(stopping after 3 pages)");
            break;
        }
    }

    Section("6. Delete it");
    CredentialConnection deleted = await client.CredentialConnections.DeleteAsync(created.Id);
    Console.WriteLine($"deleted   {deleted.Id}");

    Section("7. Handle an error");
    var notFound = new RequestOptions();
    if (!live)
    {
        notFound.Headers["Prefer"] = "code=404"; // ask the mock for the API's 404 answer
    }

    try
    {
        await client.CredentialConnections.RetrieveAsync("0000000000000000000", notFound);
    }
    catch (NotFoundException error)
    {
        ApiError? first = error.Errors.FirstOrDefault();
        Console.WriteLine($"404       {first?.Code} {first?.Title}: {first?.Detail}");
        Console.WriteLine($"          request id {error.RequestId ?? "-"}");
    }

    Console.WriteLine($"\n{traced} operations traced.");
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
    if (mock is not null)
    {
        await mock.DisposeAsync();
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
    Console.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))));
    Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
    foreach (string[] row in rows)
    {
        Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))));
    }
}
