using Telnyx.Sip.Runtime;
using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// Iterating 10,000 connections (40 pages of 250) from a loopback server: the generated client's auto-pager
/// against a hand-written loop of HttpClient and System.Text.Json over the same server.
/// </summary>
[MemoryDiagnoser]
public class AutoPagingBenchmarks
{
    private const int PageSize = 250;
    private const int Pages = 40;

    private HttpListener _listener = null!;
    private byte[][] _pages = [];
    private CancellationTokenSource _stop = null!;
    private TelnyxSipClient _client = null!;
    private HttpClient _http = null!;
    private string _baseUrl = "";

    [GlobalSetup]
    public void Setup()
    {
        _pages = new byte[Pages][];
        for (int i = 0; i < Pages; i++)
        {
            _pages[i] = Payloads.Page(PageSize, i + 1, Pages, i * PageSize);
        }

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _baseUrl = $"http://127.0.0.1:{port}/v2/";
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _stop = new CancellationTokenSource();
        _ = Task.Run(ServeAsync);
        _http = new HttpClient();
        _client = new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = "KEY_BENCHMARK", BaseUrl = new Uri(_baseUrl), HttpClient = _http });
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }

            string? number = context.Request.QueryString["page[number]"];
            byte[] body = _pages[Math.Clamp(int.Parse(number ?? "1") - 1, 0, Pages - 1)];
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _listener.Stop();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written HttpClient + STJ loop")]
    public async Task<int> HandWrittenLoop()
    {
        int count = 0;
        for (int number = 1; ; number++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{_baseUrl}credential_connections?page[size]={PageSize}&page[number]={number}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "KEY_BENCHMARK");
            using HttpResponseMessage response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            HwPage page = (await System.Text.Json.JsonSerializer.DeserializeAsync(stream, HandWrittenContext.Default.HwPage))!;
            count += page.Data!.Count;
            if (page.Meta!.PageNumber >= page.Meta.TotalPages)
            {
                return count;
            }
        }
    }

    [Benchmark(Description = "generated client auto-pager")]
    public async Task<int> AutoPager()
    {
        int count = 0;
        await foreach (CredentialConnection _ in _client.CredentialConnections.ListAsync(new() { Page = new() { Size = PageSize } }))
        {
            count++;
        }

        return count;
    }
}
