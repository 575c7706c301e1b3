using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// Checks a webhook's signature and timestamp under one of the schemes of <see cref="WebhookSignatureKind"/>. The
/// generated <c>{Client}Webhooks</c> calls this with its spec's scheme and the key from its options; it is public for
/// receivers without a generated client. Messages never contain the key, the secret or a signature.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The tolerance used when none is configured: five minutes either way, as Telnyx and Standard Webhooks use.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Verifies one request; returns normally when it is genuine and fresh.</summary>
    /// <param name="scheme">The scheme and header names, from the spec.</param>
    /// <param name="key">The base64 Ed25519 public key (<c>whpk_</c>-prefixed for Standard Webhooks' <c>v1a</c>), or a <c>whsec_</c> secret.</param>
    /// <param name="body">The raw body, exactly as received.</param>
    /// <param name="header">Gets a request header's value by name (case-insensitively), or null when it is absent.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="WebhookVerificationException">The request is not verified; <see cref="WebhookVerificationException.Reason"/> says why.</exception>
    public static void Verify(WebhookScheme scheme, string? key, ReadOnlySpan<byte> body, Func<string, string?> header, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(header);
        if (tolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance cannot be negative.");
        }

        switch (scheme.Kind)
        {
            case WebhookSignatureKind.Ed25519TimestampPipe:
                VerifyTimestampPipe(scheme, key, body, header, tolerance, now);
                return;
            case WebhookSignatureKind.StandardWebhooks:
                VerifyStandard(scheme, key, body, header, tolerance, now);
                return;
            default:
                throw new WebhookVerificationException(WebhookFailure.UnsupportedScheme,
                    "The spec declares no webhook signature scheme this runtime knows (Telnyx's Ed25519 headers or Standard Webhooks' " +
                    "webhook-id/webhook-timestamp/webhook-signature), so webhooks cannot be verified; read them with Parse.");
        }
    }

    private static void VerifyTimestampPipe(WebhookScheme scheme, string? key, ReadOnlySpan<byte> body, Func<string, string?> header, TimeSpan tolerance, DateTimeOffset now)
    {
        string signatureText = Required(header, scheme.SignatureHeader);
        string timestampText = Required(header, scheme.TimestampHeader);
        long timestamp = Timestamp(scheme.TimestampHeader!, timestampText);
        byte[] publicKey = Ed25519Key(scheme, key, prefix: null);
        byte[] signature = Base64(signatureText) ?? throw new WebhookVerificationException(WebhookFailure.MalformedHeader,
            $"The {scheme.SignatureHeader} header is not base64.");
        byte[] message = Concat(timestampText.Trim() + "|", body);
        if (signature.Length != Ed25519.SignatureSize || !Ed25519.Verify(publicKey, message, signature))
        {
            throw BadSignature(scheme);
        }

        CheckFreshness(scheme.TimestampHeader!, timestamp, tolerance, now);
    }

    private static void VerifyStandard(WebhookScheme scheme, string? key, ReadOnlySpan<byte> body, Func<string, string?> header, TimeSpan tolerance, DateTimeOffset now)
    {
        string id = Required(header, scheme.IdHeader);
        string timestampText = Required(header, scheme.TimestampHeader);
        string signatures = Required(header, scheme.SignatureHeader);
        long timestamp = Timestamp(scheme.TimestampHeader!, timestampText);
        byte[] message = Concat(id + "." + timestampText.Trim() + ".", body);

        bool isPublicKey = key is not null && key.StartsWith("whpk_", StringComparison.Ordinal);
        string version = isPublicKey ? "v1a" : "v1";
        byte[] keyBytes = isPublicKey ? Ed25519Key(scheme, key, "whpk_") : Secret(scheme, key);
        byte[]? expected = isPublicKey ? null : HmacSha256(keyBytes, message);
        bool matched = false;
        foreach (string token in signatures.Split(' '))
        {
            int comma = token.IndexOf(',');
            if (comma <= 0 || !string.Equals(token.Substring(0, comma), version, StringComparison.Ordinal))
            {
                continue; // another version, or a scheme this key cannot check: the sender may send several
            }

            byte[]? signature = Base64(token.Substring(comma + 1));
            if (signature is null)
            {
                continue;
            }

            // Every candidate is checked, so the time taken does not say which one matched.
            matched |= expected is not null
                ? ConstantTime.Equals(expected, signature)
                : signature.Length == Ed25519.SignatureSize && Ed25519.Verify(keyBytes, message, signature);
        }

        if (!matched)
        {
            throw BadSignature(scheme);
        }

        CheckFreshness(scheme.TimestampHeader!, timestamp, tolerance, now);
    }

    private static string Required(Func<string, string?> header, string? name)
    {
        if (name is null)
        {
            throw new WebhookVerificationException(WebhookFailure.UnsupportedScheme, "The spec's webhook signature scheme lacks a header name.");
        }

        string? value = header(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new WebhookVerificationException(WebhookFailure.MissingHeader, $"The webhook request has no {name} header.")
            : value!;
    }

    private static long Timestamp(string name, string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            ? seconds
            : throw new WebhookVerificationException(WebhookFailure.MalformedHeader, $"The {name} header is not a Unix time in seconds.");

    private static void CheckFreshness(string name, long timestamp, TimeSpan tolerance, DateTimeOffset now)
    {
        long difference = Math.Abs(now.ToUnixTimeSeconds() - timestamp);
        if (difference > (long)tolerance.TotalSeconds)
        {
            throw new WebhookVerificationException(WebhookFailure.StaleTimestamp,
                $"The {name} header is {difference.ToString(CultureInfo.InvariantCulture)} s from now, more than the tolerance of " +
                $"{((long)tolerance.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s: a replayed or delayed delivery.");
        }
    }

    private static WebhookVerificationException BadSignature(WebhookScheme scheme) =>
        new(WebhookFailure.BadSignature,
            $"The {scheme.SignatureHeader} header does not sign this body under the configured key ({scheme.OptionsName}.WebhookKey): " +
            "the body was changed, the signature forged, or the key is not the sender's. Verify the body exactly as received, before any parsing.");

    private static byte[] Ed25519Key(WebhookScheme scheme, string? key, string? prefix)
    {
        string text = KeyText(scheme, key);
        if (prefix is not null && text.StartsWith(prefix, StringComparison.Ordinal))
        {
            text = text.Substring(prefix.Length);
        }

        byte[]? bytes = Base64(text);
        return bytes is { Length: Ed25519.PublicKeySize }
            ? bytes
            : throw new WebhookVerificationException(WebhookFailure.MalformedKey,
                $"The configured webhook key ({scheme.OptionsName}.WebhookKey) is not a base64 Ed25519 public key of {Ed25519.PublicKeySize} bytes.");
    }

    private static byte[] Secret(WebhookScheme scheme, string? key)
    {
        string text = KeyText(scheme, key);
        byte[]? bytes = Base64(text.StartsWith("whsec_", StringComparison.Ordinal) ? text.Substring("whsec_".Length) : text);
        return bytes is { Length: > 0 }
            ? bytes
            : throw new WebhookVerificationException(WebhookFailure.MalformedKey,
                $"The configured webhook secret ({scheme.OptionsName}.WebhookKey) is not a whsec_ secret (base64 after the prefix), nor a whpk_ public key.");
    }

    private static string KeyText(WebhookScheme scheme, string? key) =>
        string.IsNullOrWhiteSpace(key)
            ? throw new WebhookVerificationException(WebhookFailure.MissingKey,
                $"No webhook key is configured: set {scheme.OptionsName}.WebhookKey" +
                (scheme.KeyVariable is null ? "." : $" or the {scheme.KeyVariable} environment variable."))
            : key!.Trim();

    private static byte[]? Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Concat(string prefix, ReadOnlySpan<byte> body)
    {
        int length = Encoding.UTF8.GetByteCount(prefix);
        byte[] message = new byte[length + body.Length];
        Encoding.UTF8.GetBytes(prefix, 0, prefix.Length, message, 0);
        body.CopyTo(message.AsSpan(length));
        return message;
    }

    private static byte[] HmacSha256(byte[] key, byte[] message)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(message);
    }
}

/// <summary>Ed25519 verification (RFC 8032), from BouncyCastle: the base library has none.</summary>
internal static class Ed25519
{
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature) =>
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);
}
