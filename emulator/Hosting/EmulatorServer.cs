using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Emulator;

/// <summary>
/// Serves an <see cref="ApiEmulator"/> over HTTP on a loopback port (<see cref="HttpListener"/>), for Prism's
/// validation proxy and for code in other languages. Dispose stops it.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ApiEmulator _emulator;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private EmulatorServer(HttpListener listener, ApiEmulator emulator, Uri root, Uri baseUrl)
    {
        _listener = listener;
        _emulator = emulator;
        Root = root;
        BaseUrl = baseUrl;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The server's root, such as <c>http://127.0.0.1:40123/</c>; requests may omit the spec's base path.</summary>
    public Uri Root { get; }

    /// <summary>The root plus the path of the spec's first server, such as <c>http://127.0.0.1:40123/v2/</c>.</summary>
    public Uri BaseUrl { get; }

    internal static Task<EmulatorServer> StartAsync(ApiEmulator emulator, int port, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int chosen = port == 0 ? FreePort() : port;
            var listener = new HttpListener();
            var root = new Uri($"http://127.0.0.1:{chosen}/");
            listener.Prefixes.Add(root.AbsoluteUri);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (port == 0 && attempt < 10)
            {
                listener.Close();
                continue; // Another process took the free port first.
            }

            var baseUrl = new Uri(root, emulator.BaseUrl.AbsolutePath.TrimStart('/'));
            return Task.FromResult(new EmulatorServer(listener, emulator, root, baseUrl));
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        HttpListenerResponse response = context.Response;
        try
        {
            var headers = new ApiEmulator.RequestHeaders();
            foreach (string? name in request.Headers.AllKeys)
            {
                if (name is not null && request.Headers[name] is { } value)
                {
                    headers.Add(_emulator, name, value);
                }
            }

            string? body = null;
            if (request.HasEntityBody)
            {
                using var reader = new StreamReader(request.InputStream, request.ContentEncoding ?? Encoding.UTF8);
                body = await reader.ReadToEndAsync(_stopping.Token).ConfigureAwait(false);
            }

            string pathAndQuery = request.RawUrl ?? "/";
            EmulatorResponse answer = await _emulator
                .HandleAsync(new EmulatorRequest(request.HttpMethod, pathAndQuery, headers, body), _stopping.Token)
                .ConfigureAwait(false);
            if (answer.DropConnection)
            {
                // HttpListener cannot reset a connection before it answers: promise a body, send part of it and close,
                // which a client sees as the connection ending mid-response.
                response.StatusCode = 200;
                response.ContentLength64 = 1024;
                await response.OutputStream.WriteAsync("{"u8.ToArray(), _stopping.Token).ConfigureAwait(false);
                await response.OutputStream.FlushAsync(_stopping.Token).ConfigureAwait(false);
                response.Abort();
                return;
            }

            response.StatusCode = answer.Status;
            foreach (KeyValuePair<string, string> header in answer.Headers)
            {
                if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    response.ContentType = header.Value;
                }
                else
                {
                    response.Headers[header.Key] = header.Value;
                }
            }

            byte[] bytes = answer.ContentArray ?? [];
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            response.Abort();
        }
        catch (HttpListenerException)
        {
            // The client went away.
        }
        catch (IOException)
        {
            // The client went away.
        }
    }

    /// <summary>Stops listening and waits for the accept loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Closed while waiting for a request.
        }

        _stopping.Dispose();
    }
}
