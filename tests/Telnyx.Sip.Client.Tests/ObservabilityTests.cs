using System;
using Telnyx.Sip.Runtime;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>Listeners are process-wide: these tests run alone, and each keeps only what its own server's port caused.</summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityCollection;

/// <summary>Traces, metrics and logs of the generated client, as a listener and a logger see them.</summary>
[Collection(nameof(ObservabilityTests))]
public sealed class ObservabilityTests : IDisposable
{
    private const string Connection = """{"data":{"id":"7","record_type":"credential_connection","connection_name":"office"}}""";
    private const string NotFound = """{"errors":[{"code":"10005","title":"Resource not found"}]}""";
    private const string Password = "correct-horse-battery";

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly TestLoggerProvider _logs = new();

    public ObservabilityTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Telnyx.Sip",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Telnyx.Sip")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, map));
    }

    private Activity OnlyActivity(Uri baseUrl) =>
        Assert.Single(_stopped, a => Equals(a.GetTagItem(TelemetryNames.ServerPort), baseUrl.Port));

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements(Uri baseUrl, string instrument) =>
        _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(TelemetryNames.ServerPort), baseUrl.Port)).ToList();

    private TelnyxSipClientOptions Logged(TelnyxSipClientOptions options, bool bodies = false)
    {
        options.LoggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        options.LogBodies = bodies;
        return options;
    }

    [Fact]
    public async Task ASuccessIsOneClientActivityAndOneDurationTaggedWithTheOperationAndTemplate()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Connection, new Dictionary<string, string> { ["x-request-id"] = "req-ok-1" }));
        var client = new TelnyxSipClient(Logged(server.Options()));

        await client.CredentialConnections.RetrieveAsync("7");

        Activity activity = OnlyActivity(server.BaseUrl);
        Assert.Equal("GET /credential_connections/{id}", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("RetrieveCredentialConnection", activity.GetTagItem(TelemetryNames.OperationId));
        Assert.Equal("GET", activity.GetTagItem(TelemetryNames.HttpMethod));
        Assert.Equal("/credential_connections/{id}", activity.GetTagItem(TelemetryNames.UrlTemplate));
        Assert.Equal("127.0.0.1", activity.GetTagItem(TelemetryNames.ServerAddress));
        Assert.Equal(200, activity.GetTagItem(TelemetryNames.StatusCode));
        Assert.Equal(new[] { "req-ok-1" }, activity.GetTagItem(TelemetryNames.RequestId));
        Assert.Null(activity.GetTagItem(TelemetryNames.ResendCount));
        Assert.Null(activity.GetTagItem(TelemetryNames.ErrorType));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);

        var duration = Assert.Single(Measurements(server.BaseUrl, TelemetryNames.DurationInstrument));
        Assert.InRange(duration.Value, 0, 30);
        Assert.Equal("RetrieveCredentialConnection", duration.Tags[TelemetryNames.OperationId]);
        Assert.Equal("/credential_connections/{id}", duration.Tags[TelemetryNames.UrlTemplate]);
        Assert.Equal(200, duration.Tags[TelemetryNames.StatusCode]);
        Assert.False(duration.Tags.ContainsKey(TelemetryNames.ErrorType));
        Assert.Empty(Measurements(server.BaseUrl, TelemetryNames.RetryInstrument));

        Assert.Contains(_logs.Lines, l => l.EventId == 1 && l.Message.Contains("RetrieveCredentialConnection") && l.Message.Contains("attempt 1"));
        Assert.Contains(_logs.Lines, l => l.EventId == 2 && l.Message.Contains("200") && l.Message.Contains("req-ok-1"));
    }

    [Fact]
    public async Task ARetried503CountsOneRetryAndOneResendAndLogsTheReasonAndWait()
    {
        await using var server = new FaultServer((attempt, _) => attempt == 0
            ? new Fault.Respond(503, "{}", Headers: new Dictionary<string, string> { ["x-request-id"] = "req-503", ["Retry-After"] = "0" })
            : new Fault.Respond(200, Connection));
        var client = new TelnyxSipClient(Logged(server.Options(maxRetries: 2)));

        await client.CredentialConnections.RetrieveAsync("7");

        Activity activity = OnlyActivity(server.BaseUrl);
        Assert.Equal(200, activity.GetTagItem(TelemetryNames.StatusCode));
        Assert.Equal(1, activity.GetTagItem(TelemetryNames.ResendCount));
        Assert.Null(activity.GetTagItem(TelemetryNames.ErrorType));

        var retry = Assert.Single(Measurements(server.BaseUrl, TelemetryNames.RetryInstrument));
        Assert.Equal(1, retry.Value);
        Assert.Equal("503", retry.Tags[TelemetryNames.ErrorType]);
        Assert.Equal("RetrieveCredentialConnection", retry.Tags[TelemetryNames.OperationId]);
        Assert.Equal(200, Assert.Single(Measurements(server.BaseUrl, TelemetryNames.DurationInstrument)).Tags[TelemetryNames.StatusCode]);

        TestLogLine line = Assert.Single(_logs.Lines, l => l.EventId == 3);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("attempt 1 failed (503)", line.Message);
        Assert.Contains("req-503", line.Message);
        Assert.Contains("retrying in 0 ms", line.Message);
        Assert.Equal(2, _logs.Lines.Count(l => l.EventId == 1));
    }

    [Fact]
    public async Task A404EndsTheActivityAsAnErrorTypedByItsStatusAndLogsTheRequestId()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(404, NotFound, new Dictionary<string, string> { ["x-request-id"] = "req-404" }));
        var client = new TelnyxSipClient(Logged(server.Options(maxRetries: 2)));

        await Assert.ThrowsAsync<NotFoundException>(() => client.CredentialConnections.RetrieveAsync("7"));

        Activity activity = OnlyActivity(server.BaseUrl);
        Assert.Equal(404, activity.GetTagItem(TelemetryNames.StatusCode));
        Assert.Equal("404", activity.GetTagItem(TelemetryNames.ErrorType));
        Assert.Equal(new[] { "req-404" }, activity.GetTagItem(TelemetryNames.RequestId));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        var duration = Assert.Single(Measurements(server.BaseUrl, TelemetryNames.DurationInstrument));
        Assert.Equal("404", duration.Tags[TelemetryNames.ErrorType]);
        Assert.Empty(Measurements(server.BaseUrl, TelemetryNames.RetryInstrument));

        TestLogLine failure = Assert.Single(_logs.Lines, l => l.EventId == 4);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("failed after 1 attempt(s): 404, request id req-404", failure.Message);
    }

    [Fact]
    public async Task TheKeyAndAPasswordAppearInNoTagMeasurementOrLogLineEvenWithBodiesLogged()
    {
        await using var server = new FaultServer((attempt, _) => attempt == 0
            ? new Fault.Respond(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "0" })
            : new Fault.Respond(201, """{"data":{"id":"9","user_name":"office42","password":"correct-horse-battery"}}"""));
        TelnyxSipClientOptions options = Logged(server.Options(maxRetries: 2), bodies: true);

        await new TelnyxSipClient(options).CredentialConnections.CreateAsync(new()
        {
            UserName = "office42",
            Password = Password,
            ConnectionName = "Office",
        });

        Assert.Contains(_logs.Lines, l => l.EventId == 5 && l.Message.Contains("\"password\":\"***\"") && l.Message.Contains("office42"));
        Assert.Contains(_logs.Lines, l => l.EventId == 6 && l.Message.Contains("\"password\":\"***\""));
        Assert.Contains(_logs.Lines, l => l.EventId == 3);
        var everything = new List<string>();
        everything.AddRange(_logs.Lines.Select(l => l.Message + " " + l.State));
        Activity activity = OnlyActivity(server.BaseUrl);
        everything.Add(activity.DisplayName);
        everything.AddRange(activity.TagObjects.Select(t => $"{t.Key}={Flatten(t.Value)}"));
        everything.AddRange(_measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")));
        foreach (string text in everything)
        {
            Assert.DoesNotContain("KEY_FAULT_0123456789", text);
            Assert.DoesNotContain(Password, text);
        }
    }

    [Fact]
    public async Task TelnyxLogInfoWritesTheSameLinesToStandardErrorWithoutAnILoggerForTheTelnyxClientOnly()
    {
        TextWriter original = Console.Error;
        var captured = new StringWriter();
        Environment.SetEnvironmentVariable("TELNYX_LOG", "info");
        try
        {
            Console.SetError(captured);
            await using var server = new FaultServer((attempt, _) => attempt == 0
                ? new Fault.Respond(503, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "0" })
                : new Fault.Respond(200, Connection));
            var client = new TelnyxSipClient(server.Options(maxRetries: 2));

            await client.CredentialConnections.RetrieveAsync("7");

            // The variable is the Telnyx spec's (x-log-env): a client of another spec does not read it.
            await using var acme = new LoopbackServer(_ => new CannedResponse(200, """{"id":1,"name":"gear"}"""));
            await new Acme.Inventory.AcmeInventoryClient(acme.Options<Acme.Inventory.AcmeInventoryClientOptions>()).Widgets.RetrieveAsync(1);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TELNYX_LOG", null);
            Console.SetError(original);
        }

        string text = captured.ToString();
        Assert.Contains("[Telnyx.Sip] info: GET /credential_connections/{id} (RetrieveCredentialConnection): attempt 1", text);
        Assert.Contains("[Telnyx.Sip] warn: GET /credential_connections/{id} (RetrieveCredentialConnection): attempt 1 failed (503)", text);
        Assert.DoesNotContain("response body", text);
        Assert.DoesNotContain("KEY_FAULT_0123456789", text);
        Assert.DoesNotContain("Acme", text);
    }

    [Fact]
    public async Task AClientRegisteredWithDependencyInjectionLogsThroughTheContainersLoggerFactory()
    {
        await using var server = new LoopbackServer(_ => new CannedResponse(200, Connection));
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddTelnyxSipClient(options =>
        {
            options.ApiKey = "KEY_TEST_1234567890";
            options.BaseUrl = server.BaseUrl;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TelnyxSipClient>().CredentialConnections.RetrieveAsync("7");

        Assert.Contains(_logs.Lines, l => l.EventId == 2 && l.Category == "Telnyx.Sip");
    }

    private static string Flatten(object? value) => value is string[] values ? string.Join(",", values) : $"{value}";
}

public sealed record TestLogLine(string Category, LogLevel Level, int EventId, string Message, string State);

/// <summary>Keeps every line every logger it made was given.</summary>
public sealed class TestLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<TestLogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new TestLogger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class TestLogger(string category, ConcurrentQueue<TestLogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new TestLogLine(category, logLevel, eventId.Id, formatter(state, exception), $"{state} {exception}"));
    }
}
