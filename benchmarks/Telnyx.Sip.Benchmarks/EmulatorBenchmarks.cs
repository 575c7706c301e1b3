using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Telnyx.Sip.Emulator;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// One GET of a credential connection through the generated client: answered by the API emulator (routing, credential
/// check, lookup, envelope, JSON text), against a handler that returns the same body canned. The difference is what the
/// emulator costs a user's test per call.
/// </summary>
[MemoryDiagnoser]
public class EmulatorBenchmarks
{
    private TelnyxSipClient _emulated = null!;
    private TelnyxSipClient _canned = null!;
    private string _id = "";

    [GlobalSetup]
    public void Setup()
    {
        string spec = File.ReadAllText(Path.Combine(Specs.RepoRoot, "specs", "telnyx-sip.yaml"));
        var emulator = new ApiEmulator(spec);
        emulator.SeedExamples();
        _id = emulator.Items("/credential_connections")[0]["id"]!.GetValue<string>();
        _emulated = new TelnyxSipClient(new TelnyxSipClientOptions
        {
            ApiKey = "KEY_BENCHMARK",
            BaseUrl = emulator.BaseUrl,
            HttpClient = new HttpClient(emulator.CreateHandler()),
        });

        // The canned handler answers with exactly what the emulator answers.
        using HttpClient probe = emulator.CreateHttpClient();
        probe.DefaultRequestHeaders.Authorization = new("Bearer", "KEY_BENCHMARK");
        byte[] body = probe.GetByteArrayAsync("credential_connections/" + _id).GetAwaiter().GetResult();
        _canned = new TelnyxSipClient(new TelnyxSipClientOptions
        {
            ApiKey = "KEY_BENCHMARK",
            BaseUrl = emulator.BaseUrl,
            HttpClient = new HttpClient(new CannedHandler(body)),
        });
    }

    [Benchmark(Baseline = true)]
    public Task<CredentialConnection> GetThroughCannedHandler() => _canned.CredentialConnections.RetrieveAsync(_id);

    [Benchmark]
    public Task<CredentialConnection> GetThroughEmulator() => _emulated.CredentialConnections.RetrieveAsync(_id);

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
