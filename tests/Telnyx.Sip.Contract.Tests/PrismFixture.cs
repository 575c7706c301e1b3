using Telnyx.Sip.Runtime;
using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip.Mock;
using Xunit;

namespace Telnyx.Sip.Contract.Tests;

/// <summary>One Prism process for the whole test run, serving specs/telnyx-sip.yaml with validation errors on.</summary>
public sealed class PrismFixture : IAsyncLifetime
{
    private PrismServer? _server;

    public PrismServer Server => _server ?? throw new InvalidOperationException("Prism has not started.");

    public TelnyxSipClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string root = PrismServer.FindRepoRoot(AppContext.BaseDirectory);
        _server = await PrismServer.StartAsync(root, Path.Combine(root, "specs", "telnyx-sip.yaml"));
        Client = new TelnyxSipClient(new TelnyxSipClientOptions
        {
            ApiKey = "KEY_CONTRACT_TEST",
            BaseUrl = _server.BaseUrl,
            MaxRetries = 0,
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    /// <summary>
    /// Runs <paramref name="call"/> and returns the validation violations Prism logged for it. Prism writes its log
    /// after answering, so this waits until the log has settled.
    /// </summary>
    public async Task<(T Result, string[] Violations)> Checked<T>(Func<TelnyxSipClient, Task<T>> call)
    {
        int before = Server.Log.Count;
        T result = await call(Client);
        string[] lines = await SettledLogSince(before);
        return (result, lines.Where(IsViolation).ToArray());
    }

    public async Task<string[]> SettledLogSince(int before)
    {
        int seen = -1;
        for (int i = 0; i < 50; i++)
        {
            int count = Server.Log.Count;
            bool answered = Server.Log.Skip(before).Any(line => line.Contains("Responding with", StringComparison.Ordinal));
            if (answered && count == seen)
            {
                break;
            }

            seen = count;
            await Task.Delay(100);
        }

        return Server.Log.Skip(before).ToArray();
    }

    private static bool IsViolation(string line) =>
        line.Contains("Violation:", StringComparison.Ordinal) || line.Contains("did not pass the validation rules", StringComparison.Ordinal);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PrismCollection : ICollectionFixture<PrismFixture>
{
    public const string Name = "Prism";
}
