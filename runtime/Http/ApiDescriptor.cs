using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// What a generated client tells its pipeline about its API: names for messages, telemetry and the <c>User-Agent</c>,
/// where its base URL and credentials come from, and which environment variable turns console logging on. Everything
/// here comes from the client's spec; the runtime has no defaults of its own for any API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
// Setters, not init: an init accessor's signature names IsExternalInit, which is a different type in the netstandard2.0
// and net8.0 builds, so code compiled against one would not find the member in the other.
public sealed class ApiDescriptor
{
    /// <summary>Creates the description of one generated client.</summary>
    /// <param name="optionsName">The client's options type, such as <c>TelnyxSipClientOptions</c>: named in error messages.</param>
    public ApiDescriptor(string optionsName)
    {
        OptionsName = optionsName ?? throw new ArgumentNullException(nameof(optionsName));
    }

    /// <summary>The client's options type, named in the messages that tell the user what to set.</summary>
    public string OptionsName { get; }

    /// <summary>The spec's <c>info.title</c>; the product name of the <c>User-Agent</c>.</summary>
    public string? Title { get; set; }

    /// <summary>The spec's <c>info.version</c>; the product version of the <c>User-Agent</c>.</summary>
    public string? Version { get; set; }

    /// <summary>The generated client's namespace: the name of its ActivitySource, Meter and log category.</summary>
    public string Namespace { get; set; } = "OpenApi.Client";

    /// <summary>The spec's first server URL; null or relative when the spec names no absolute one.</summary>
    public string? DefaultBaseUrl { get; set; }

    /// <summary>The environment variable the spec names for the base URL (<c>x-env</c> on its first server); null for none.</summary>
    public string? BaseUrlVariable { get; set; }

    /// <summary>The environment variable the spec names for console logging (<c>x-log-env</c>); null for none.</summary>
    public string? LogVariable { get; set; }

    /// <summary>How the spec says requests authenticate.</summary>
    public ApiAuthentication Authentication { get; set; } = ApiAuthentication.None;

    /// <summary>JSON member names the spec marks secret (<c>writeOnly</c>, <c>format: password</c>), redacted in logged bodies.</summary>
    public IReadOnlyCollection<string> SecretMembers { get; set; } = Array.Empty<string>();
}
