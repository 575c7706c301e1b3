using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Streams;
using Telnyx.Sip.Runtime;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// Streamed responses on the wire (specs/streams.yaml, OpenAPI 3.2 itemSchema; specs/chat-events.yaml, OpenAI's 3.1
/// shape): a real loopback server writes the body piece by piece and the test synchronizes with it, never sleeping.
/// </summary>
public class StreamTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private static StreamsClient Client(StreamingServer server, int maxRetries = 0, TimeSpan? timeout = null) => new(new StreamsClientOptions
    {
        ApiKey = "KEY_TEST_1234567890",
        BaseUrl = server.BaseUrl,
        MaxRetries = maxRetries,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    private static string Tick(string symbol, double price) => $"event: tick\ndata: {{\"symbol\":\"{symbol}\",\"price\":{price}}}\n\n";

    [Fact]
    public async Task ServerSentEventsArriveOneByOneEachBeforeTheServerSendsTheNext()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream");
            await exchange.SendAsync(Tick("ACME", 1.5));
            await firstSeen.Task.WaitAsync(Guard); // the second event leaves only after the client has the first
            await exchange.SendAsync(Tick("ACME", 1.75));
            await exchange.SendAsync("data: [DONE]\n\n");
        });
        var client = Client(server);

        var prices = new List<double>();
        await using ApiItemStream<Tick> ticks = await client.Ticks.WatchAsync(new WatchTicksParams { Symbol = "ACME" });
        await foreach (Tick tick in ticks)
        {
            prices.Add(tick.Price);
            firstSeen.TrySetResult();
        }

        Assert.Equal([1.5, 1.75], prices);
        Assert.Equal(200, ticks.StatusCode);
        Assert.Equal("req-1", ticks.RequestId);
        Assert.Equal("text/event-stream", ticks.ContentType);
        StreamingExchange exchange = Assert.Single(server.Exchanges);
        Assert.StartsWith("GET /v1/ticks?symbol=ACME HTTP/1.1", exchange.RequestHead);
        Assert.Contains("Accept: text/event-stream", exchange.RequestHead);
        Assert.Null(server.ScriptError);
    }

    [Fact]
    public async Task LeavingTheLoopEarlyClosesTheConnection()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream");
            await exchange.SendAsync(Tick("ACME", 1));
            await exchange.ClientClosed.WaitAsync(Guard);
        });
        var client = Client(server);

        await foreach (Tick tick in await client.Ticks.WatchAsync())
        {
            Assert.Equal(1, tick.Price);
            break;
        }

        StreamingExchange exchange = Assert.Single(server.Exchanges);
        await exchange.ClientClosed.WaitAsync(Guard);
    }

    [Fact]
    public async Task CancellingAStalledServerSentEventStreamEndsItWithin100Milliseconds()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream");
            await exchange.SendAsync(Tick("ACME", 1));
            await exchange.ClientClosed.WaitAsync(Guard); // stalls: nothing more is sent
        });
        var client = Client(server);
        using var cancellation = new CancellationTokenSource();
        var stopwatch = new Stopwatch();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Tick tick in (await client.Ticks.WatchAsync(cancellationToken: cancellation.Token)).WithCancellation(cancellation.Token))
            {
                // The next read waits for an event that never comes; cancel once it has begun.
                _ = Task.Run(async () =>
                {
                    await Task.Yield();
                    stopwatch.Start();
                    cancellation.Cancel();
                });
            }
        });
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(100), $"the stream ended {stopwatch.Elapsed.TotalMilliseconds:0} ms after the cancellation");
        await Assert.Single(server.Exchanges).ClientClosed.WaitAsync(Guard);
    }

    [Fact]
    public async Task JsonLinesArriveOneByOneAndLeavingEarlyClosesTheConnection()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("application/jsonl");
            await exchange.SendAsync("{\"seq\":1,\"level\":\"info\",\"message\":\"started\"}\n");
            await firstSeen.Task.WaitAsync(Guard);
            await exchange.SendAsync("{\"seq\":2,\"message\":\"half\"}\r\n\n{\"seq\":3,\"mess");
            await exchange.ClientClosed.WaitAsync(Guard);
        });
        var client = Client(server);

        var seen = new List<long>();
        await foreach (LogEntry entry in await client.Logs.TailAsync())
        {
            seen.Add(entry.Seq);
            firstSeen.TrySetResult();
            if (entry.Seq == 2)
            {
                break; // item 3 is half sent: leaving must not wait for it
            }
        }

        Assert.Equal([1L, 2L], seen);
        StreamingExchange exchange = Assert.Single(server.Exchanges);
        Assert.Contains("Accept: application/jsonl", exchange.RequestHead);
        await exchange.ClientClosed.WaitAsync(Guard);
    }

    [Fact]
    public async Task CancellingAStalledJsonLinesStreamEndsItWithin100Milliseconds()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("application/jsonl");
            await exchange.SendAsync("{\"seq\":1,\"message\":\"only\"}\n");
            await exchange.ClientClosed.WaitAsync(Guard);
        });
        var client = Client(server);
        using var cancellation = new CancellationTokenSource();
        var stopwatch = new Stopwatch();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (LogEntry entry in await client.Logs.TailAsync(cancellationToken: cancellation.Token))
            {
                _ = Task.Run(async () =>
                {
                    await Task.Yield();
                    stopwatch.Start();
                    cancellation.Cancel();
                });
            }
        });
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(100), $"the stream ended {stopwatch.Elapsed.TotalMilliseconds:0} ms after the cancellation");
        await Assert.Single(server.Exchanges).ClientClosed.WaitAsync(Guard);
    }

    [Fact]
    public async Task EventsAreReadAsTheHtmlStandardSaysAndOtherEventTypesAreKeptRaw()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream; charset=utf-8");
            await exchange.SendAsync(
                ": a comment, ignored\r\n" +
                "retry: 1500\r\n" +
                "id: 41\n" +
                "event: tick\n" +
                "data: {\"symbol\":\"ACME\",\n" +      // data over two lines, joined with a line feed
                "data:  \"price\":2}\n\n" +
                "event: heartbeat\n" +
                "data: still here\n\n" +
                "id: 42\n" +
                "event: tick\n" +
                "data:{\"symbol\":\"ACME\",\"price\":3}\n\n" +
                "data: [DONE]\n\n" +
                "event: tick\ndata: {\"symbol\":\"LATE\",\"price\":0}\n\n");
        });
        var client = Client(server);

        await using ApiItemStream<Tick> ticks = await client.Ticks.WatchAsync();
        var prices = new List<double>();
        await foreach (Tick tick in ticks)
        {
            prices.Add(tick.Price);
        }

        Assert.Equal([2.0, 3.0], prices);
        Assert.Equal("42", ticks.LastEventId);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ticks.ReconnectionInterval);
        ApiStreamEvent other = Assert.Single(ticks.UnrecognizedEvents);
        Assert.Equal(("heartbeat", "still here", "41"), (other.EventType, other.Data, other.Id));
        Assert.Equal(1, ticks.UnrecognizedEventCount);
        Assert.Equal(2, ticks.ItemCount);
    }

    [Fact]
    public async Task AnIdSentAloneSetsTheLastEventIdButOnlyOnceItsBlankLineCame()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream");
            await exchange.SendAsync(
                "id: 7\nevent: tick\ndata: {\"symbol\":\"ACME\",\"price\":1}\n\n" +
                "id: 8\n\n" +                                                  // a heartbeat: an id and no data
                "id: 9\nevent: tick\ndata: {\"symbol\":\"ACME\",\"pri");   // unfinished when the stream ends: not dispatched
        });
        var client = Client(server);

        await using ApiItemStream<Tick> ticks = await client.Ticks.WatchAsync();
        var seen = new List<string?>();
        await foreach (Tick tick in ticks)
        {
            seen.Add(ticks.LastEventId);
        }

        Assert.Equal(["7"], seen);
        Assert.Equal("8", ticks.LastEventId); // what a reconnection sends as Last-Event-ID
    }

    [Fact]
    public async Task AMalformedItemThrowsATypedErrorWithItsTextAfterTheGoodItems()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream");
            await exchange.SendAsync(Tick("A", 1) + Tick("B", 2) + "event: tick\ndata: {\"symbol\":\"C\",\"price\":\n\n" + Tick("D", 4));
        });
        var client = Client(server);

        var prices = new List<double>();
        var error = await Assert.ThrowsAsync<ApiSerializationException>(async () =>
        {
            await foreach (Tick tick in await client.Ticks.WatchAsync())
            {
                prices.Add(tick.Price);
            }
        });

        Assert.Equal([1.0, 2.0], prices);
        Assert.Equal("{\"symbol\":\"C\",\"price\":", error.RawBody);
        Assert.StartsWith("$[2]", error.Path);
        await Assert.Single(server.Exchanges).ClientClosed.WaitAsync(Guard);
    }

    [Fact]
    public async Task NdjsonAndJsonTextSequencesAreFramedIntoItems()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            if (exchange.RequestHead.StartsWith("GET /v1/exports/", StringComparison.Ordinal))
            {
                await exchange.StartAsync("application/x-ndjson");
                await exchange.SendAsync("{\"seq\":1,\"message\":\"a\"}\n\n  \n{\"seq\":2,");
                await exchange.SendAsync("\"message\":\"b\\nc\"}\n{\"seq\":3,\"message\":\"no final newline\"}");
            }
            else
            {
                await exchange.StartAsync("application/json-seq");
                await exchange.SendAsync("\u001e{\"seq\":1,\"message\":\"a\"}\n\u001e{\"seq\":2,\n \"message\":\"b\"}\n\u001e");
                await exchange.SendAsync("{\"seq\":3,\"message\":\"c\"}\n");
            }
        });
        var client = Client(server);

        var ndjson = new List<string>();
        await foreach (LogEntry entry in await client.Exports.DownloadAsync("e 1"))
        {
            ndjson.Add($"{entry.Seq}:{entry.Message}");
        }

        var sequence = new List<string>();
        await foreach (LogEntry entry in await client.Sequences.RetrieveAsync())
        {
            sequence.Add($"{entry.Seq}:{entry.Message}");
        }

        Assert.Equal(["1:a", "2:b\nc", "3:no final newline"], ndjson);
        Assert.Equal(["1:a", "2:b", "3:c"], sequence);
        Assert.Contains("GET /v1/exports/e%201 HTTP/1.1", server.Exchanges.First().RequestHead);
    }

    [Fact]
    public async Task RetriesHappenOnlyBeforeTheBodyAndTheTimeoutCoversOnlyTheWaitForHeaders()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new StreamingServer(async exchange =>
        {
            if (exchange.Index == 1)
            {
                await exchange.RespondAsync(503, "application/json", "{\"errors\":[]}");
                return;
            }

            await exchange.StartAsync("application/jsonl", extraHeaders: "Retry-After: 0\r\n");
            await exchange.SendAsync("{\"seq\":1,\"message\":\"a\"}\n");
            await released.Task.WaitAsync(Guard); // longer than the timeout, while the client reads the body
            await exchange.SendAsync("{\"seq\":2,\"message\":\"b\"}\n");
        });
        var client = Client(server, maxRetries: 2, timeout: TimeSpan.FromMilliseconds(300));

        var seen = new List<long>();
        await foreach (LogEntry entry in await client.Logs.TailAsync())
        {
            seen.Add(entry.Seq);
            if (entry.Seq == 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(600)); // twice the timeout, spent inside the body
                released.TrySetResult();
            }
        }

        Assert.Equal([1L, 2L], seen);
        Assert.Equal(2, server.Exchanges.Count);
    }

    [Fact]
    public async Task AStreamThatBreaksAfterItsHeadersIsNotRetriedAndSaysHowManyItemsCame()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("application/jsonl", extraHeaders: "Content-Length: 1000\r\n");
            await exchange.SendAsync("{\"seq\":1,\"message\":\"a\"}\n{\"seq\":2,");
        });
        var client = Client(server, maxRetries: 2);

        var seen = new List<long>();
        var error = await Assert.ThrowsAsync<ApiConnectionException>(async () =>
        {
            await foreach (LogEntry entry in await client.Logs.TailAsync())
            {
                seen.Add(entry.Seq);
            }
        });

        Assert.Equal([1L], seen);
        Assert.Contains("after 1 item(s)", error.Message);
        Assert.Single(server.Exchanges);
    }

    [Fact]
    public async Task AnEventStreamAnsweredWithJsonSaysTheApiDidNotStream()
    {
        await using var server = new StreamingServer(exchange =>
            exchange.RespondAsync(200, "application/json", "{\"id\":\"c1\",\"text\":\"whole\"}"));
        var client = Client(server);

        var error = await Assert.ThrowsAsync<ApiSerializationException>(() =>
            client.Completions.CreateStreamAsync(new CompletionRequest { Prompt = "hi" }));

        Assert.Contains("rather than text/event-stream", error.Message);
        Assert.Equal("{\"id\":\"c1\",\"text\":\"whole\"}", error.RawBody);
    }

    [Fact]
    public async Task AJsonAnswerAndItsEventStreamAreTwoMethodsOfOneOperation()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            if (exchange.RequestHead.Contains("Accept: text/event-stream"))
            {
                await exchange.StartAsync("text/event-stream");
                await exchange.SendAsync("data: {\"id\":\"c1\",\"delta\":\"Hel\"}\n\ndata: {\"id\":\"c1\",\"delta\":\"lo\"}\n\ndata: [DONE]\n\n");
            }
            else
            {
                await exchange.RespondAsync(200, "application/json", "{\"id\":\"c1\",\"text\":\"Hello\"}");
            }
        });
        var client = Client(server);

        Completion whole = await client.Completions.CreateAsync(new CompletionRequest { Prompt = "hi" });
        string streamed = "";
        await foreach (CompletionChunk chunk in await client.Completions.CreateStreamAsync(new CompletionRequest { Prompt = "hi", Stream = true }))
        {
            streamed += chunk.Delta;
        }

        Assert.Equal("Hello", whole.Text);
        Assert.Equal("Hello", streamed);
    }

    [Fact]
    public async Task AStreamIsEnumeratedOnce()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("application/jsonl");
            await exchange.SendAsync("{\"seq\":1,\"message\":\"a\"}\n");
        });
        var client = Client(server);

        await using ApiItemStream<LogEntry> entries = await client.Logs.TailAsync();
        await foreach (LogEntry _ in entries)
        {
        }

        Assert.Throws<InvalidOperationException>(() => entries.GetAsyncEnumerator());
    }

    [Fact]
    public async Task AMockedStreamMethodYieldsTheItemsGiven()
    {
        var logs = new Mock<LogsClient>();
        logs.Setup(l => l.TailAsync(It.IsAny<RequestOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ApiResponse.FromItems([new LogEntry { Seq = 7, Message = "mocked" }], headers: [new("x-request-id", "r-7")]));

        ApiItemStream<LogEntry> stream = await logs.Object.TailAsync();
        var messages = new List<string>();
        await foreach (LogEntry entry in stream)
        {
            messages.Add(entry.Message);
        }

        Assert.Equal(["mocked"], messages);
        Assert.Equal("r-7", stream.RequestId);
    }

    [Fact]
    public async Task OpenAiShapedEventStreamsGiveTypedChunksAndUnionEvents()
    {
        await using var server = new StreamingServer(async exchange =>
        {
            await exchange.StartAsync("text/event-stream");
            if (exchange.RequestHead.StartsWith("POST /v1/chat/completions", StringComparison.Ordinal))
            {
                await exchange.SendAsync(
                    "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n" +
                    "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
                    "data: [DONE]\n\n");
            }
            else
            {
                await exchange.SendAsync(
                    "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0}\n\n" +
                    "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"delta\":\"Hi\"}\n\n");
            }
        });
        var client = new Chat.Events.ChatEventsClient(new Chat.Events.ChatEventsClientOptions { ApiKey = "KEY_TEST_1234567890", BaseUrl = server.BaseUrl, MaxRetries = 0 });
        var request = new Chat.Events.ChatRequest { Model = "m", Messages = [new() { Role = Chat.Events.ChatMessageRole.User, Content = "hello" }], Stream = true };

        var chunks = new List<string?>();
        await foreach (Chat.Events.ChatCompletionChunk chunk in await client.Chat.Completions.CreateStreamAsync(request))
        {
            chunks.Add(chunk.Choices[0].Delta?.Content ?? chunk.Choices[0].FinishReason);
        }

        var events = new List<string>();
        await foreach (Chat.Events.ResponseStreamEvent item in await client.Responses.CreateAsync(request))
        {
            events.Add(item.ToString()!);
        }

        Assert.Equal(["Hi", "stop"], chunks);
        Assert.Equal(2, events.Count);
    }
}
