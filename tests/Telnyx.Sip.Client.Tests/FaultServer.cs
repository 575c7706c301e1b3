using System;
using Telnyx.Sip.Runtime;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Client.Tests;

/// <summary>What the fault server does with one request.</summary>
public abstract record Fault
{
    /// <summary>A complete response; the connection closes after it.</summary>
    public sealed record Respond(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null) : Fault;

    /// <summary>Resets the connection (TCP RST) without answering.</summary>
    public sealed record ResetBeforeResponse : Fault;

    /// <summary>Sends the headers and part of the body announced by Content-Length, then resets the connection.</summary>
    public sealed record ResetDuringBody(int Status, string Body, int BytesSent) : Fault;

    /// <summary>Reads the request and never answers.</summary>
    public sealed record NeverAnswer : Fault;
}

/// <summary>A request as the fault server saw it, with the time it arrived.</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan ArrivedAt);

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that can misbehave on purpose: reset connections, cut bodies, never answer.
/// Each request gets a connection of its own (the server always closes), so every attempt is visible.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, RawRequest, Fault> _plan;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private int _count;

    /// <param name="plan">Decides what to do with the request of the given (0-based) attempt number.</param>
    public FaultServer(Func<int, RawRequest, Fault> plan)
    {
        _plan = plan;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v2");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    public TelnyxSipClientOptions Options(int maxRetries = 2, double timeoutSeconds = 10) => Options<TelnyxSipClientOptions>(maxRetries, timeoutSeconds);

    public T Options<T>(int maxRetries = 2, double timeoutSeconds = 10) where T : ClientOptions, new() => new()
    {
        ApiKey = "KEY_FAULT_0123456789",
        BaseUrl = BaseUrl,
        MaxRetries = maxRetries,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                RawRequest? request = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return;
                }

                Requests.Enqueue(request);
                Fault fault = _plan(Interlocked.Increment(ref _count) - 1, request);
                switch (fault)
                {
                    case Fault.Respond respond:
                        byte[] body = Encoding.UTF8.GetBytes(respond.Body);
                        await stream.WriteAsync(Head(respond.Status, respond.ContentType, body.Length, respond.Headers));
                        await stream.WriteAsync(body);
                        await stream.FlushAsync();
                        client.Client.Shutdown(SocketShutdown.Send);
                        break;
                    case Fault.ResetBeforeResponse:
                        Reset(client);
                        break;
                    case Fault.ResetDuringBody cut:
                        byte[] full = Encoding.UTF8.GetBytes(cut.Body);
                        await stream.WriteAsync(Head(cut.Status, "application/json", full.Length, null));
                        await stream.WriteAsync(full.AsMemory(0, Math.Min(cut.BytesSent, full.Length)));
                        await stream.FlushAsync();
                        await Task.Delay(50);
                        Reset(client);
                        break;
                    case Fault.NeverAnswer:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        break;
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client gave up on this connection; that is what several scenarios want.
            }
        }
    }

    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static byte[] Head(int status, string contentType, int length, IReadOnlyDictionary<string, string>? headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n");
        if (status != 204)
        {
            head.Append($"Content-Type: {contentType}\r\nContent-Length: {length}\r\n");
        }

        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            head.Append($"{header.Key}: {header.Value}\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        204 => "No Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private async Task<RawRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
        }

        TimeSpan arrived = _clock.Elapsed;
        string[] lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines[1..])
        {
            int colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        string body = "";
        if (headers.TryGetValue("Content-Length", out string? length) && int.Parse(length) > 0)
        {
            var content = new byte[int.Parse(length)];
            await stream.ReadExactlyAsync(content, _stop.Token);
            body = Encoding.UTF8.GetString(content);
        }

        return new RawRequest(requestLine[0], requestLine[1], headers, body, arrived);
    }

    private static bool EndsWithBlankLine(List<byte> buffer) =>
        buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Stopping; nothing to report.
        }

        _stop.Dispose();
    }
}
