using System;
using System.ComponentModel;

namespace Telnyx.Sip.Runtime;

/// <summary>The signature schemes the runtime verifies; which one a client uses comes from its spec's webhook headers.</summary>
public enum WebhookSignatureKind
{
    /// <summary>The spec declares no signature the runtime knows: events can be read, not verified.</summary>
    None,

    /// <summary>
    /// Telnyx's scheme: an Ed25519 signature (base64) of <c>{timestamp}|{body}</c> in one header, the Unix timestamp in
    /// another; the key is the account's base64 Ed25519 public key.
    /// </summary>
    Ed25519TimestampPipe,

    /// <summary>
    /// Standard Webhooks (standardwebhooks.com): <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>,
    /// signing <c>{id}.{timestamp}.{body}</c>; <c>v1,</c> signatures are HMAC-SHA256 under a <c>whsec_</c> secret,
    /// <c>v1a,</c> signatures Ed25519 under a <c>whpk_</c> public key.
    /// </summary>
    StandardWebhooks,
}

/// <summary>
/// How a generated client's webhooks are signed, as its spec declares: the scheme, its header names and the
/// environment variable the key may come from. The runtime has no defaults of its own for any API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WebhookScheme
{
    /// <summary>Describes one client's webhook signatures.</summary>
    /// <param name="kind">The scheme.</param>
    /// <param name="optionsName">The client's options type, named in messages that say what to set.</param>
    public WebhookScheme(WebhookSignatureKind kind, string optionsName)
    {
        Kind = kind;
        OptionsName = optionsName ?? throw new ArgumentNullException(nameof(optionsName));
    }

    /// <summary>The scheme.</summary>
    public WebhookSignatureKind Kind { get; }

    /// <summary>The client's options type.</summary>
    public string OptionsName { get; }

    /// <summary>The header holding the signature (or signatures).</summary>
    public string? SignatureHeader { get; set; }

    /// <summary>The header holding the Unix timestamp the signature covers.</summary>
    public string? TimestampHeader { get; set; }

    /// <summary>The header holding the message id (Standard Webhooks).</summary>
    public string? IdHeader { get; set; }

    /// <summary>The environment variable the spec names (<c>x-env</c>) for the key; null for none.</summary>
    public string? KeyVariable { get; set; }
}
