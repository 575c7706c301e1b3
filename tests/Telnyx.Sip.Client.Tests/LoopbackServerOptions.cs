namespace Telnyx.Sip.Client.Tests;

/// <summary>The SIP client's options for a loopback server (kept apart: the package tests share LoopbackServer.cs without the generated client).</summary>
public static class LoopbackServerOptions
{
    public static TelnyxSipClientOptions Options(this LoopbackServer server, int maxRetries = 0) => server.Options<TelnyxSipClientOptions>(maxRetries);
}
