using System;
using Telnyx.Sip.Runtime;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Client.Tests;

/// <summary>A request as the loopback server received it.</summary>
public sealed record ReceivedRequest(string Method, string RawUrl, string Body, WebHeaderCollection Headers)
{
    public string PathAndQuery => RawUrl;

    public string Query => RawUrl.Contains('?') ? RawUrl.Substring(RawUrl.IndexOf('?') + 1) : "";
}

/// <summary>A canned response.</summary>
public sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>A real HTTP server on 127.0.0.1 that answers with a handler and records every request.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<ReceivedRequest, CannedResponse> _handler;
    private readonly Task _loop;

    public LoopbackServer(Func<ReceivedRequest, CannedResponse> handler)
    {
        _handler = handler;
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            try
            {
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/v2");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public T Options<T>(int maxRetries = 0) where T : ClientOptions, new() => new()
    {
        ApiKey = "KEY_TEST_1234567890",
        BaseUrl = BaseUrl,
        MaxRetries = maxRetries,
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A loopback port nothing listens on at the moment of the call.</summary>
    internal static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "", body,
                (WebHeaderCollection)context.Request.Headers);
            Requests.Enqueue(request);
            CannedResponse response = _handler(request);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var header in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The loop ends with the listener; nothing to report.
        }
    }
}
