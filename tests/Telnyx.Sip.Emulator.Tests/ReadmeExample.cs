// The README's "Testing against the emulator" example, compiled and run as it is printed there
// (ReadmeExampleTests checks that the README holds the text below the next line, character for character).
using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Telnyx.Sip;
using Telnyx.Sip.Emulator;
using Xunit;

namespace MyApp.Tests;

// Your code: puts a prefix before the name of every connection whose name contains "office".
public static class OfficeRenamer
{
    public static async Task<int> PrefixOfficesAsync(TelnyxSipClient client, string prefix)
    {
        int renamed = 0;
        await foreach (CredentialConnection c in client.CredentialConnections.ListAsync(
            new() { Filter = new() { ConnectionName = new() { Contains = "office" } } }))
        {
            await client.CredentialConnections.UpdateAsync(c.Id, new() { ConnectionName = prefix + c.ConnectionName });
            renamed++;
        }

        return renamed;
    }
}

public class OfficeRenamerTests
{
    [Fact]
    public async Task Renames_the_offices_and_rides_out_a_rate_limit()
    {
        // The spec your client is generated from, copied to the test output.
        var emulator = ApiEmulator.FromFile(Path.Combine(AppContext.BaseDirectory, "specs", "telnyx-sip.yaml"));
        emulator.Seed("/credential_connections", """{"connection_name": "Office Berlin"}""");
        emulator.Seed("/credential_connections", """{"connection_name": "Warehouse"}""");
        var client = new TelnyxSipClient(new TelnyxSipClientOptions
        {
            HttpClient = new HttpClient(emulator.CreateHandler()),
            BaseUrl = emulator.BaseUrl,
            ApiKey = "test",
        });
        emulator.Faults.Next(1, Fault.TooManyRequests(TimeSpan.Zero)); // the next call gets 429, Retry-After: 0

        int renamed = await OfficeRenamer.PrefixOfficesAsync(client, "[HQ] ");

        Assert.Equal(1, renamed);
        Assert.Equal(["[HQ] Office Berlin", "Warehouse"],
            emulator.Items("/credential_connections").Select(c => (string?)c["connection_name"]));
        Assert.Equal([429, 200, 200], emulator.Journal.Select(r => r.Status)); // the list was retried
        Assert.Equal(["ListCredentialConnections", "ListCredentialConnections", "UpdateCredentialConnection"],
            emulator.Journal.Select(r => r.OperationId));
    }
}
