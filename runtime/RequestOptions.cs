using System;
using System.Collections.Generic;

namespace Telnyx.Sip.Runtime;

/// <summary>Settings for a single call, overriding the client's <see cref="ClientOptions"/>.</summary>
public sealed class RequestOptions
{
    /// <summary>Per-attempt timeout for this call.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Number of retries for this call.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// Sent as the <c>Idempotency-Key</c> header, the same on every attempt. With a key, a POST is retried like any other
    /// request; without one, only when the failure shows the server did not apply it (no connection, 408, 429,
    /// 502/503 with <c>Retry-After</c>).
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Extra headers sent with this call. Values containing CR or LF are refused.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
