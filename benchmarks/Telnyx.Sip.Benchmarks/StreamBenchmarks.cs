using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Streams;
using Telnyx.Sip.Runtime;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// Reading 10,000 streamed items (tests/Telnyx.Sip.Client.Tests/specs/streams.yaml's <c>LogEntry</c>) through the
/// generated client, as JSON Lines and as server-sent events, against a hand-written loop of <c>Utf8JsonReader</c> over
/// the same bytes from the same <c>HttpClient</c>. The bytes come from memory (an <c>HttpMessageHandler</c> answering
/// a <c>StreamContent</c>), so that the figures are the reading, not the network.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamBenchmarks
{
    private const int Items = 10_000;
    private static readonly CompletionRequest Prompt = new() { Prompt = "Hello", Stream = true };

    private byte[] _jsonLines = [];
    private byte[] _events = [];
    private HttpClient _http = null!;
    private StreamsClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = new StringBuilder();
        var events = new StringBuilder();
        string[] levels = ["debug", "info", "warn", "error"];
        for (int i = 0; i < Items; i++)
        {
            string item = $"{{\"seq\":{i},\"level\":\"{levels[i % 4]}\",\"message\":\"step {i} of the export finished without trouble\"}}";
            lines.Append(item).Append('\n');
            events.Append("data: {\"id\":\"cmpl-42\",\"delta\":\" and the next piece of the answer, ").Append(i).Append("\"}\n\n");
        }

        _jsonLines = Encoding.UTF8.GetBytes(lines.ToString());
        _events = Encoding.UTF8.GetBytes(events.Append("data: [DONE]\n\n").ToString());
        _http = new HttpClient(new MemoryHandler(this));
        _client = new StreamsClient(new StreamsClientOptions { ApiKey = "KEY_BENCHMARK", BaseUrl = new Uri("http://streams.test/v1"), HttpClient = _http, AllowInsecureHttp = true });
        if (ClientJsonLines().Result != Items || HandWrittenJsonLines().Result != Items || ClientEvents().Result != Items || HandWrittenEvents().Result != Items)
        {
            throw new InvalidDataException("The payloads did not read as 10,000 items everywhere.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true, Description = "JSON Lines: hand-written Utf8JsonReader loop")]
    [BenchmarkCategory("jsonl")]
    public async Task<long> HandWrittenJsonLines()
    {
        using HttpResponseMessage response = await _http.GetAsync("http://streams.test/v1/logs", HttpCompletionOption.ResponseHeadersRead);
        using Stream body = await response.Content.ReadAsStreamAsync();
        return await HandWrittenLoop(body, eventStream: false);
    }

    [Benchmark(Description = "JSON Lines: generated client")]
    [BenchmarkCategory("jsonl")]
    public async Task<long> ClientJsonLines()
    {
        long count = 0;
        await foreach (LogEntry entry in await _client.Logs.TailAsync())
        {
            count += entry.Seq >= 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Baseline = true, Description = "SSE: hand-written Utf8JsonReader loop")]
    [BenchmarkCategory("sse")]
    public async Task<long> HandWrittenEvents()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://streams.test/v1/completions") { Content = new StringContent("{\"prompt\":\"Hello\",\"stream\":true}") };
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using Stream body = await response.Content.ReadAsStreamAsync();
        return await HandWrittenLoop(body, eventStream: true);
    }

    [Benchmark(Description = "SSE: generated client")]
    [BenchmarkCategory("sse")]
    public async Task<long> ClientEvents()
    {
        long count = 0;
        await foreach (CompletionChunk chunk in await _client.Completions.CreateStreamAsync(Prompt))
        {
            count += chunk.Delta.Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// What a careful hand-written reader does: a pooled buffer, lines cut at '\n', each item (after "data: " for
    /// events) read by Utf8JsonReader into a plain class.
    /// </summary>
    private static async Task<long> HandWrittenLoop(Stream body, bool eventStream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0, end = 0;
        long count = 0;
        try
        {
            for (; ; )
            {
                int newline;
                while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
                {
                    ReadOnlySpan<byte> line = buffer.AsSpan(start, newline);
                    start += newline + 1;
                    if (eventStream)
                    {
                        if (!line.StartsWith("data: "u8) || line.SequenceEqual("data: [DONE]"u8))
                        {
                            continue;
                        }

                        line = line.Slice(6);
                    }

                    if (line.Length > 0 && (eventStream ? ReadChunk(line).Delta!.Length > 0 : ReadEntry(line).Seq >= 0))
                    {
                        count++;
                    }
                }

                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
                int read = await body.ReadAsync(buffer.AsMemory(end));
                if (read == 0)
                {
                    return count;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static HwLogEntry ReadEntry(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var entry = new HwLogEntry();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                entry.Seq = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("level"u8))
            {
                reader.Read();
                entry.Level = reader.GetString();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                entry.Message = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return entry;
    }

    private static HwChunk ReadChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var chunk = new HwChunk();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                chunk.Id = reader.GetString();
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                chunk.Delta = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return chunk;
    }

    private sealed class HwChunk
    {
        public string? Id { get; set; }
        public string? Delta { get; set; }
    }

    private sealed class HwLogEntry
    {
        public long Seq { get; set; }
        public string? Level { get; set; }
        public string? Message { get; set; }
    }

    /// <summary>Answers every request from memory: JSON Lines for /logs, events otherwise.</summary>
    private sealed class MemoryHandler(StreamBenchmarks owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool lines = request.RequestUri!.AbsolutePath.EndsWith("/logs", StringComparison.Ordinal);
            var content = new StreamContent(new MemoryStream(lines ? owner._jsonLines : owner._events, writable: false));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(lines ? "application/jsonl" : "text/event-stream");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
        }
    }
}
