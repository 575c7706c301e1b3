using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Security;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Telnyx.Sip.Client.Tests;

/// <summary>What a sender does: signs webhooks as Telnyx and Standard Webhooks do, with keys made in the test.</summary>
internal sealed class WebhookSigner
{
    private readonly byte[] _secretKey = new byte[Rfc8032.SecretKeySize];

    public WebhookSigner()
    {
        Rfc8032.GeneratePrivateKey(new SecureRandom(), _secretKey);
        PublicKey = new byte[Rfc8032.PublicKeySize];
        Rfc8032.GeneratePublicKey(_secretKey, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; }

    /// <summary>The key as Telnyx's portal shows it: base64.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(PublicKey);

    public static byte[] Sign(byte[] secretKey, byte[] message)
    {
        byte[] signature = new byte[Rfc8032.SignatureSize];
        Rfc8032.Sign(secretKey, 0, message, 0, message.Length, signature, 0);
        return signature;
    }

    public byte[] Sign(byte[] message) => Sign(_secretKey, message);

    /// <summary>Telnyx: base64 Ed25519 of <c>{timestamp}|{body}</c>.</summary>
    public string SignTelnyx(long timestamp, string body) =>
        Convert.ToBase64String(Sign(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "|" + body)));

    /// <summary>Standard Webhooks v1a: Ed25519 of <c>{id}.{timestamp}.{body}</c>.</summary>
    public string SignStandardEd25519(string id, long timestamp, string body) =>
        "v1a," + Convert.ToBase64String(Sign(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    /// <summary>Standard Webhooks v1: HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> under the secret after <c>whsec_</c>.</summary>
    public static string SignStandardHmac(string secret, string id, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret.Substring("whsec_".Length)));
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }
}

/// <summary>A clock a test sets.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
