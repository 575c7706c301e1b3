using System;

namespace Telnyx.Sip.Runtime;

/// <summary>Why a webhook was refused: what <see cref="WebhookVerificationException.Reason"/> says.</summary>
public enum WebhookFailure
{
    /// <summary>A header the spec's signature scheme needs is absent or empty; the message names it.</summary>
    MissingHeader,

    /// <summary>A header is present but not in its scheme's form (a timestamp that is not a number, a signature that is not base64).</summary>
    MalformedHeader,

    /// <summary>
    /// No signature in the request matches the body under the configured key: the body was changed on the way, the
    /// signature was forged, or the key is the wrong one. These cannot be told apart, by design of the schemes.
    /// </summary>
    BadSignature,

    /// <summary>The timestamp is further from now than the tolerance: a replayed or badly delayed delivery.</summary>
    StaleTimestamp,

    /// <summary>No key is configured: neither the options nor the environment variable the spec names hold one.</summary>
    MissingKey,

    /// <summary>The configured key is not a key of the scheme's kind (not base64, or of the wrong length).</summary>
    MalformedKey,

    /// <summary>The spec declares no signature scheme the runtime knows, so nothing can be verified.</summary>
    UnsupportedScheme,
}

/// <summary>
/// A webhook request that failed verification. <see cref="Reason"/> says why; the message names the header or the
/// option involved and never contains the key, the secret or the signature.
/// </summary>
public sealed class WebhookVerificationException : ApiClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the webhook was refused.</param>
    /// <param name="message">What to tell the developer; must not contain key material.</param>
    public WebhookVerificationException(WebhookFailure reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the webhook was refused.</summary>
    public WebhookFailure Reason { get; }
}
