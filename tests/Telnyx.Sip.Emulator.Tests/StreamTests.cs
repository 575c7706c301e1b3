using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Streams;
using Xunit;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>
/// A spec with streamed responses (tests/Telnyx.Sip.Client.Tests/specs/streams.yaml) served by the emulator: each
/// stream operation answers a valid stream of one generated item, which the generated client's stream method reads.
/// </summary>
public sealed class StreamTests
{
    private readonly ApiEmulator _emulator = ApiEmulator.FromFile(Path.Combine(AppContext.BaseDirectory, "specs", "streams.yaml"));

    private StreamsClient Client() => new(new StreamsClientOptions
    {
        HttpClient = new HttpClient(_emulator.CreateHandler()),
        BaseUrl = _emulator.BaseUrl,
        ApiKey = "test-key",
        MaxRetries = 0,
    });

    private static async Task<List<T>> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Each_stream_operation_answers_one_valid_item_in_its_framing()
    {
        StreamsClient client = Client();

        Tick tick = Assert.Single(await All(await client.Ticks.WatchAsync()));
        LogEntry line = Assert.Single(await All(await client.Logs.TailAsync()));
        LogEntry record = Assert.Single(await All(await client.Exports.DownloadAsync("e1")));
        LogEntry sequenced = Assert.Single(await All(await client.Sequences.RetrieveAsync()));

        Assert.NotNull(tick.Symbol);
        tick.Validate(); // throws when the generated item does not fit its schema
        line.Validate();
        record.Validate();
        sequenced.Validate();
    }

    [Fact]
    public async Task An_operation_answering_json_or_events_answers_what_the_request_accepts()
    {
        StreamsClient client = Client();

        Completion whole = await client.Completions.CreateAsync(new CompletionRequest { Prompt = "hi" });
        CompletionChunk chunk = Assert.Single(await All(await client.Completions.CreateStreamAsync(new CompletionRequest { Prompt = "hi", Stream = true })));

        Assert.NotNull(whole.Text);
        Assert.NotNull(chunk.Delta);
    }
}
