using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.ServerSentEvents;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip.Runtime;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// The runtime reads event streams itself (for speed, see docs/performance.md); <c>System.Net.ServerSentEvents</c>'
/// <c>SseParser</c>, in the box on .NET 9 and later, is the oracle: random streams, cut into random reads, must give
/// the same events, types, data, last event ids and reconnection times from both.
/// </summary>
public sealed class ServerSentEventReaderTests
{
    private sealed record Event(string Type, string Data, string LastEventId, TimeSpan? Retry);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Random_streams_read_in_random_pieces_give_the_events_SseParser_gives(int seed)
    {
        var random = new Random(seed);
        for (int stream = 0; stream < 250; stream++)
        {
            byte[] bytes = RandomStream(random);
            List<Event> expected = WithSseParser(bytes);

            List<Event> actual = await WithReader(bytes, new Random(random.Next()));

            Assert.True(expected.SequenceEqual(actual),
                $"seed {seed}, stream {stream}: {Show(bytes)}\nSseParser: {string.Join(" | ", expected)}\nours:      {string.Join(" | ", actual)}");
        }
    }

    [Theory]
    [InlineData("data: a\n\n", "message", "a")]
    [InlineData("data:a\r\n\r\n", "message", "a")]                          // no space after the colon; CRLF
    [InlineData("data:  a\r\r", "message", " a")]                            // only the first space goes; CR alone ends lines
    [InlineData("\uFEFFdata: a\n\n", "message", "a")]                        // a byte order mark at the start
    [InlineData(": comment\nevent: tick\ndata: 1\ndata: 2\n\n", "tick", "1\n2")]
    [InlineData("data\n\n", "message", "")]                                 // a field without a colon has an empty value
    [InlineData("event: x\n\ndata: y\n\n", "message", "y")]                 // a blank line without data still resets the type
    public async Task Events_are_read_as_the_HTML_standard_says(string text, string type, string data)
    {
        List<Event> events = await WithReader(Encoding.UTF8.GetBytes(text), new Random(1));

        Event only = Assert.Single(events);
        Assert.Equal(type, only.Type);
        Assert.Equal(data, only.Data);
    }

    [Fact]
    public async Task An_unfinished_last_event_is_discarded_and_ids_with_NUL_and_bad_retries_are_ignored()
    {
        List<Event> events = await WithReader(
            Encoding.UTF8.GetBytes("id: 7\nretry: 1500\ndata: a\n\nid: 8\0\nretry: 15x\ndata: b\n\ndata: unfinished"), new Random(1));

        Assert.Equal(
            [new Event("message", "a", "7", TimeSpan.FromMilliseconds(1500)), new Event("message", "b", "7", TimeSpan.FromMilliseconds(1500))],
            events);
    }

    [Fact]
    public async Task A_line_longer_than_the_buffer_grows_it()
    {
        string data = new('x', 100_000);
        List<Event> events = await WithReader(Encoding.UTF8.GetBytes("data: " + data + "\n\n"), new Random(1));

        Assert.Equal(data, Assert.Single(events).Data);
    }

    private static List<Event> WithSseParser(byte[] bytes)
    {
        var events = new List<Event>();
        SseParser<string> parser = SseParser.Create(new MemoryStream(bytes), (type, data) => Encoding.UTF8.GetString(data));
        foreach (SseItem<string> item in parser.Enumerate())
        {
            events.Add(new Event(item.EventType, item.Data, parser.LastEventId,
                parser.ReconnectionInterval == Timeout.InfiniteTimeSpan ? null : parser.ReconnectionInterval));
        }

        return events;
    }

    private static async Task<List<Event>> WithReader(byte[] bytes, Random pieces)
    {
        var events = new List<Event>();
        using var reader = new ServerSentEventReader(new PiecewiseStream(bytes, pieces), initialSize: 16);
        for (; ; )
        {
            while (reader.TryRead())
            {
                events.Add(new Event(reader.EventType, Encoding.UTF8.GetString(reader.Data), reader.LastEventId, reader.ReconnectionInterval));
            }

            if (reader.Completed)
            {
                return events;
            }

            await reader.FillAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// A stream of lines of every kind: data (with colons, leading spaces, multi-byte UTF-8), event, id (sometimes with
    /// NUL), retry (digits, letters, empty, huge), comments, unknown fields, lone names, blank lines; line ends of
    /// every kind; sometimes a byte order mark; sometimes an unfinished last event. An event line only comes in an
    /// event that has data: on a blank line without data SseParser keeps the type, which the standard resets (tested
    /// above on its own).
    /// </summary>
    private static byte[] RandomStream(Random random)
    {
        string[] ends = ["\n", "\r\n", "\r"];
        string[] texts = ["", " ", "a", "hello world", "x: y", " lead", "{\"id\":1,\"text\":\"é ✓ 😀\"}", "[DONE]", "café"];
        var text = new StringBuilder();
        if (random.Next(6) == 0)
        {
            text.Append('\uFEFF');
        }

        int events = random.Next(0, 6);
        for (int e = 0; e < events; e++)
        {
            bool hasData = random.Next(5) > 0;
            var lines = new List<string>();
            int count = random.Next(0, 5);
            for (int l = 0; l < count; l++)
            {
                lines.Add(random.Next(7) switch
                {
                    0 => ":" + texts[random.Next(texts.Length)],
                    1 => "id" + (random.Next(2) == 0 ? ": " : ":") + texts[random.Next(texts.Length)] + (random.Next(5) == 0 ? "\0" : ""),
                    2 => "retry: " + random.Next(4) switch { 0 => random.Next(100000).ToString(), 1 => "12a", 2 => "", _ => "99999999999999999999" },
                    3 => "unknown: " + texts[random.Next(texts.Length)],
                    4 when hasData => "event: " + (random.Next(3) switch { 0 => "tick", 1 => "done", _ => "a b" }),
                    5 => "id",
                    _ => "retry",
                });
            }

            if (hasData)
            {
                int data = random.Next(1, 4);
                for (int d = 0; d < data; d++)
                {
                    lines.Insert(random.Next(lines.Count + 1), random.Next(6) == 0 ? "data" : "data" + (random.Next(2) == 0 ? ": " : ":") + texts[random.Next(texts.Length)]);
                }
            }

            foreach (string line in lines)
            {
                text.Append(line).Append(ends[random.Next(ends.Length)]);
            }

            if (e < events - 1 || random.Next(4) > 0)
            {
                text.Append(ends[random.Next(ends.Length)]); // the blank line that dispatches
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Show(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");

    /// <summary>Hands out the bytes in reads of 1 to 7 bytes, so that lines, CRLF pairs and the BOM are cut anywhere.</summary>
    private sealed class PiecewiseStream(byte[] bytes, Random pieces) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, pieces.Next(1, 8)), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
