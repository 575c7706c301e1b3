using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// A real HTTP/1.1 server on a loopback socket that writes each response piece by piece, as the test scripts it, and
/// sees when the client closes the connection: what streamed responses are tested against.
/// </summary>
public sealed class StreamingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<StreamingExchange, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public StreamingServer(Func<StreamingExchange, Task> script)
    {
        _script = script;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Every exchange, in the order the requests arrived.</summary>
    public ConcurrentQueue<StreamingExchange> Exchanges { get; } = new();

    /// <summary>The first script failure, if any (asserted by tests that care).</summary>
    public Exception? ScriptError { get; private set; }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, Interlocked.Increment(ref _connections)));
        }
    }

    private async Task ServeAsync(TcpClient client, int index)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            string head = await ReadHeadAsync(stream);
            var exchange = new StreamingExchange(index, head, stream);
            Exchanges.Enqueue(exchange);
            exchange.WatchForClose();
            try
            {
                await _script(exchange);
            }
            catch (Exception error) when (error is System.IO.IOException or SocketException or ObjectDisposedException)
            {
                // The client went away while the script wrote: what some tests want.
            }
            catch (Exception error)
            {
                ScriptError ??= error;
            }
        }
    }

    /// <summary>Reads the request line, the headers and a Content-Length body.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[1];
        while (!(received.Count >= 4 && received[^4] == '\r' && received[^3] == '\n' && received[^2] == '\r' && received[^1] == '\n'))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                break;
            }

            received.Add(buffer[0]);
        }

        string head = Encoding.ASCII.GetString(received.ToArray());
        foreach (string line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                int length = int.Parse(line.Substring("Content-Length:".Length).Trim());
                var body = new byte[length];
                await stream.ReadExactlyAsync(body);
            }
        }

        return head;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}

/// <summary>One request and the response a script writes to it.</summary>
public sealed class StreamingExchange(int index, string requestHead, NetworkStream stream)
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>1 for the first connection, 2 for the second, …</summary>
    public int Index { get; } = index;

    /// <summary>The request line and headers as received.</summary>
    public string RequestHead { get; } = requestHead;

    /// <summary>Completes when the client closes the connection.</summary>
    public Task ClientClosed => _closed.Task;

    /// <summary>Writes the status line and headers of a body that lasts until the server closes the connection.</summary>
    public Task StartAsync(string contentType, int status = 200, string? extraHeaders = null) =>
        SendAsync($"HTTP/1.1 {status} Status\r\nContent-Type: {contentType}\r\nx-request-id: req-{Index}\r\nConnection: close\r\n{extraHeaders}\r\n");

    /// <summary>A whole response with a Content-Length body.</summary>
    public Task RespondAsync(int status, string contentType, string body) =>
        SendAsync($"HTTP/1.1 {status} Status\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");

    /// <summary>Writes <paramref name="text"/> and flushes it onto the wire.</summary>
    public async Task SendAsync(string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    internal void WatchForClose() => _ = Task.Run(async () =>
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (Exception)
        {
            // A reset is a close too.
        }

        _closed.TrySetResult();
    });
}
