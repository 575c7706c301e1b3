using System;
using System.IO;
using System.Net.Http;
using Telnyx.Sip.Emulator;
using Telnyx.Sip.Mock;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>The SIP spec, an emulator of it and the generated client over the emulator's in-process handler.</summary>
internal static class Sip
{
    public static readonly string RepoRoot = PrismServer.FindRepoRoot(AppContext.BaseDirectory);

    public static readonly string SpecPath = Path.Combine(RepoRoot, "specs", "telnyx-sip.yaml");

    public static readonly string SpecText = File.ReadAllText(SpecPath);

    public static ApiEmulator Emulator(EmulatorOptions? options = null) => new(SpecText, options);

    public static TelnyxSipClient Client(ApiEmulator emulator, int maxRetries = 0) => new(new TelnyxSipClientOptions
    {
        HttpClient = new HttpClient(emulator.CreateHandler()),
        BaseUrl = emulator.BaseUrl,
        ApiKey = "test-key",
        MaxRetries = maxRetries,
    });

    /// <summary>The widgets spec of ours (tests/Telnyx.Sip.Emulator.Tests/specs/widgets.yaml).</summary>
    public static ApiEmulator Widgets(EmulatorOptions? options = null) =>
        ApiEmulator.FromFile(Path.Combine(AppContext.BaseDirectory, "specs", "widgets.yaml"), options);
}
