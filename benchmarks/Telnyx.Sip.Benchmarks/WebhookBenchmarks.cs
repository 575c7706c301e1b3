using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;
using Telnyx.Sip.Runtime;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// What verifying one webhook costs: Ed25519 with BouncyCastle (managed; the runtime's choice) and with NSec (libsodium,
/// native), on a 1 KB body as Telnyx sends; and the runtime's whole check, for Telnyx's scheme and Standard Webhooks' HMAC.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes("{\"data\":{\"event_type\":\"call.hangup\",\"payload\":{\"note\":\"" + new string('x', 960) + "\"}}}");
    private byte[] _message = null!;
    private byte[] _publicKey = null!;
    private byte[] _signature = null!;
    private global::NSec.Cryptography.PublicKey _nsecKey = null!;
    private WebhookScheme _telnyx = null!;
    private WebhookScheme _standard = null!;
    private string _secret = null!;
    private Func<string, string?> _telnyxHeaders = null!;
    private Func<string, string?> _standardHeaders = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow;
        string timestamp = _now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _message = [.. Encoding.UTF8.GetBytes(timestamp + "|"), .. _body];
        byte[] secretKey = RandomNumberGenerator.GetBytes(32);
        _publicKey = new byte[32];
        Rfc8032.GeneratePublicKey(secretKey, 0, _publicKey, 0);
        _signature = new byte[64];
        Rfc8032.Sign(secretKey, 0, _message, 0, _message.Length, _signature, 0);
        _nsecKey = global::NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, _publicKey, KeyBlobFormat.RawPublicKey);

        _telnyx = new WebhookScheme(WebhookSignatureKind.Ed25519TimestampPipe, "BenchmarkOptions") { SignatureHeader = "telnyx-signature-ed25519", TimestampHeader = "telnyx-timestamp" };
        string signature = Convert.ToBase64String(_signature);
        _telnyxHeaders = name => name == "telnyx-timestamp" ? timestamp : name == "telnyx-signature-ed25519" ? signature : null;

        byte[] hmacKey = RandomNumberGenerator.GetBytes(24);
        _secret = "whsec_" + Convert.ToBase64String(hmacKey);
        _standard = new WebhookScheme(WebhookSignatureKind.StandardWebhooks, "BenchmarkOptions") { SignatureHeader = "webhook-signature", TimestampHeader = "webhook-timestamp", IdHeader = "webhook-id" };
        string v1 = "v1," + Convert.ToBase64String(HMACSHA256.HashData(hmacKey, (byte[])[.. Encoding.UTF8.GetBytes("msg_1." + timestamp + "."), .. _body]));
        _standardHeaders = name => name switch { "webhook-id" => "msg_1", "webhook-timestamp" => timestamp, "webhook-signature" => v1, _ => null };
    }

    [Benchmark(Baseline = true, Description = "Ed25519 verify, BouncyCastle 2.7.0")]
    public bool BouncyCastle() => Rfc8032.Verify(_signature, 0, _publicKey, 0, _message, 0, _message.Length);

    [Benchmark(Description = "Ed25519 verify, NSec 26.4.0 (libsodium)")]
    public bool Libsodium() => SignatureAlgorithm.Ed25519.Verify(_nsecKey, _message, _signature);

    [Benchmark(Description = "WebhookSignature.Verify, Telnyx Ed25519")]
    public void TelnyxWebhook() => WebhookSignature.Verify(_telnyx, Convert.ToBase64String(_publicKey), _body, _telnyxHeaders, WebhookSignature.DefaultTolerance, _now);

    [Benchmark(Description = "WebhookSignature.Verify, Standard Webhooks HMAC")]
    public void StandardWebhook() => WebhookSignature.Verify(_standard, _secret, _body, _standardHeaders, WebhookSignature.DefaultTolerance, _now);
}
