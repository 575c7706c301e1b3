using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> of one generated client, named after its namespace.
/// One instance per name for the life of the process: clients are cheap to create, listeners subscribe by name.
/// </summary>
internal sealed class ClientDiagnostics
{
    private static readonly ConcurrentDictionary<string, ClientDiagnostics> ByName = new(System.StringComparer.Ordinal);

    private ClientDiagnostics(string name)
    {
        string version = typeof(ClientDiagnostics).Assembly.GetName().Version?.ToString(3) ?? "0";
        Source = new ActivitySource(name, version);
        Meter = new Meter(name, version);
        Duration = Meter.CreateHistogram<double>(TelemetryNames.DurationInstrument, "s",
            "Duration of an API operation, from the first attempt to the outcome, including waits between retries.");
        Retries = Meter.CreateCounter<long>(TelemetryNames.RetryInstrument, "{retry}",
            "Attempts that failed and were tried again.");
    }

    public ActivitySource Source { get; }

    public Meter Meter { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> Retries { get; }

    public static ClientDiagnostics For(string name) => ByName.GetOrAdd(name, static n => new ClientDiagnostics(n));
}
