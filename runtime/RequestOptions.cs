using System;
using System.Collections.Generic;

namespace Telnyx.Sip;

/// <summary>Settings for a single call, overriding the client's <see cref="TelnyxClientOptions"/>.</summary>
public sealed class RequestOptions
{
    /// <summary>Per-attempt timeout for this call.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Number of retries for this call.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Extra headers sent with this call. Values containing CR or LF are refused.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
