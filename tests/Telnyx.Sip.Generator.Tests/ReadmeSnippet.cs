namespace Telnyx.Sip.Generator.Tests;

/// <summary>The README's usage example, compiled against the generated client (it must stay in step with README.md).</summary>
internal static class ReadmeSnippet
{
    public const string Source = """
        using System;
        using System.Threading.Tasks;
        using Telnyx.Sip;

        public static class Example
        {
            public static async Task RunAsync()
            {
                var client = new TelnyxSipClient();   // API key from TELNYX_API_KEY

                await foreach (CredentialConnection c in client.CredentialConnections.ListAsync(new()
                {
                    Filter = new() { ConnectionName = new() { Contains = "office" } },
                    Page = new() { Size = 50 },
                    Sort = ConnectionSort.ConnectionName.Descending(),
                }))
                {
                    Console.WriteLine($"{c.Id} {c.ConnectionName} {c.AnchorsiteOverride}");
                }

                CredentialConnection created = await client.CredentialConnections.CreateAsync(new()
                {
                    UserName = "office42",
                    Password = "correct-horse-battery",
                    ConnectionName = "Office",
                    AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
                });

                // Only assigned properties are sent: this PATCH body is {"encrypted_media": null}.
                await client.CredentialConnections.UpdateAsync(created.Id, new() { EncryptedMedia = null });

                RegistrationStatus status = await client.CredentialConnections.Actions.CheckRegistrationStatusAsync(created.Id);
                Console.WriteLine(status.Status);

                try
                {
                    await client.CredentialConnections.RetrieveAsync("does-not-exist");
                }
                catch (NotFoundException error)
                {
                    Console.WriteLine($"{error.StatusCode} {error.Errors[0].Title} (request {error.RequestId})");
                }
            }
        }
        """;
}
