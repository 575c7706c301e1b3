using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using Calls;
using Deliveries;
using Telnyx.Sip.Runtime;
using Xunit;
using CallEvent = Calls.WebhookEvent;
using DeliveryEvent = Deliveries.WebhookEvent;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// Webhooks of specs/calls.yaml (Telnyx's Ed25519 headers) and specs/deliveries.yaml (Standard Webhooks): typed
/// events, verification in one call, and every rejection.
/// </summary>
public class WebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly long NowSeconds = Now.ToUnixTimeSeconds();

    private const string Hangup = """{"data":{"event_type":"call.hangup","id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","payload":{"call_control_id":"v3:abc","hangup_cause":"normal_clearing"}}}""";

    private readonly WebhookSigner _signer = new();

    private CallsClient Calls(TimeSpan? tolerance = null, string? key = "", TimeProvider? clock = null) => new(new CallsClientOptions
    {
        WebhookKey = key == "" ? _signer.PublicKeyBase64 : key,
        WebhookTolerance = tolerance,
        TimeProvider = clock ?? new FixedClock(Now),
    });

    private Dictionary<string, string> TelnyxHeaders(string body, long? timestamp = null) => new()
    {
        ["telnyx-timestamp"] = (timestamp ?? NowSeconds).ToString(),
        ["telnyx-signature-ed25519"] = _signer.SignTelnyx(timestamp ?? NowSeconds, body),
    };

    // RFC 8032, section 7.1: TEST 1, TEST 2 and TEST 3 (secret key, public key, message, signature).
    public static TheoryData<string, string, string, string> Rfc8032Vectors => new()
    {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Ed25519VerifiesTheRfc8032VectorsAndRefusesThemAltered(string secretHex, string publicHex, string messageHex, string signatureHex)
    {
        byte[] publicKey = Convert.FromHexString(publicHex), message = Convert.FromHexString(messageHex), signature = Convert.FromHexString(signatureHex);
        byte[] derived = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(Convert.FromHexString(secretHex), 0, derived, 0);

        Assert.Equal(publicKey, derived);
        Assert.Equal(signature, WebhookSigner.Sign(Convert.FromHexString(secretHex), message));
        Assert.True(Runtime.Ed25519.Verify(publicKey, message, signature));
        for (int bit = 0; bit < 8 * 64; bit += 37)
        {
            byte[] altered = (byte[])signature.Clone();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Runtime.Ed25519.Verify(publicKey, message, altered), $"signature bit {bit} flipped");
        }

        Assert.False(Runtime.Ed25519.Verify(publicKey, [.. message, 0], signature), "a byte appended to the message");
    }

    [Fact]
    public void UnwrapVerifiesATelnyxSignedEventAndReturnsItTyped()
    {
        CallsClient client = Calls();

        CallEvent received = client.Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup));

        Assert.Equal(WebhookSignatureKind.Ed25519TimestampPipe, client.Webhooks.Scheme);
        Assert.Equal("call.hangup", received.Discriminator);
        Assert.False(received.TryGetCallAnsweredEvent(out _));
        Assert.True(received.TryGetCallHangupEvent(out CallHangupEvent? hangup));
        Assert.Equal("normal_clearing", hangup!.Data?.Payload?.HangupCause);
        Assert.Equal("v3:abc", hangup!.Data?.Payload?.CallControlId);
    }

    [Fact]
    public void AnEventTheSpecDoesNotListIsReturnedRawNotThrown()
    {
        const string body = """{"data":{"event_type":"call.teleported","id":"x","payload":{"to":"mars"}}}""";

        CallEvent received = Calls().Webhooks.Unwrap(body, TelnyxHeaders(body));

        Assert.Equal("call.teleported", received.Discriminator);
        Assert.False(received.TryGetCallAnsweredEvent(out _));
        Assert.False(received.TryGetCallHangupEvent(out _));
        Assert.Equal("mars", received.Json.GetProperty("data").GetProperty("payload").GetProperty("to").GetString());
        Assert.Equal(body, received.ToString());
    }

    [Fact]
    public void HeadersComeFromAnyFrameworkShape()
    {
        CallsClient client = Calls();
        Dictionary<string, string> headers = TelnyxHeaders(Hangup);
        var upper = headers.ToDictionary(h => h.Key.ToUpperInvariant(), h => h.Value);   // names are case-insensitive
        using var request = new HttpRequestMessage();
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var multi = headers.ToDictionary(h => h.Key, h => new[] { h.Value });

        Assert.NotNull(client.Webhooks.Unwrap(Hangup, upper));
        Assert.NotNull(client.Webhooks.Unwrap(Hangup, request.Headers));                  // HttpRequestHeaders
        Assert.NotNull(client.Webhooks.Unwrap(Hangup, multi));                            // names with several values
        Assert.NotNull(client.Webhooks.Unwrap(Encoding.UTF8.GetBytes(Hangup), name => headers.GetValueOrDefault(name)));
        client.Webhooks.Verify(Hangup, headers);
    }

    [Fact]
    public void EachRejectionSaysWhyAndNeverEchoesTheKey()
    {
        var other = new WebhookSigner();
        string key = _signer.PublicKeyBase64;
        string tampered = Hangup.Replace("normal_clearing", "originator_cancel", StringComparison.Ordinal);
        var cases = new (WebhookFailure Expected, Action Act)[]
        {
            (WebhookFailure.MissingHeader, () => Calls().Webhooks.Unwrap(Hangup, Without(TelnyxHeaders(Hangup), "telnyx-signature-ed25519"))),
            (WebhookFailure.MissingHeader, () => Calls().Webhooks.Unwrap(Hangup, Without(TelnyxHeaders(Hangup), "telnyx-timestamp"))),
            (WebhookFailure.MalformedHeader, () => Calls().Webhooks.Unwrap(Hangup, With(TelnyxHeaders(Hangup), "telnyx-timestamp", "yesterday"))),
            (WebhookFailure.MalformedHeader, () => Calls().Webhooks.Unwrap(Hangup, With(TelnyxHeaders(Hangup), "telnyx-signature-ed25519", "not base64!"))),
            (WebhookFailure.BadSignature, () => Calls().Webhooks.Unwrap(tampered, TelnyxHeaders(Hangup))),                                   // tampered body
            (WebhookFailure.BadSignature, () => Calls(key: other.PublicKeyBase64).Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup))),         // wrong key
            (WebhookFailure.BadSignature, () => Calls().Webhooks.Unwrap(Hangup, With(TelnyxHeaders(Hangup), "telnyx-timestamp", (NowSeconds + 1).ToString()))), // timestamp changed
            (WebhookFailure.StaleTimestamp, () => Calls().Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup, NowSeconds - 301))),
            (WebhookFailure.StaleTimestamp, () => Calls().Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup, NowSeconds + 301))),
            (WebhookFailure.MissingKey, () => Calls(key: null).Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup))),
            (WebhookFailure.MalformedKey, () => Calls(key: "c2hvcnQ=").Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup))),
        };

        foreach (var (expected, act) in cases)
        {
            var error = Assert.Throws<WebhookVerificationException>(act);
            Assert.Equal(expected, error.Reason);
            Assert.DoesNotContain(key, error.Message);
            Assert.DoesNotContain(other.PublicKeyBase64, error.Message);
            Assert.DoesNotContain(TelnyxHeaders(Hangup)["telnyx-signature-ed25519"], error.ToString());
        }

        Assert.Contains("CALLS_PUBLIC_KEY", Assert.Throws<WebhookVerificationException>(cases[9].Act).Message);
    }

    [Fact]
    public void TheToleranceIsFiveMinutesByDefaultAndConfigurable()
    {
        var clock = new FixedClock(Now);
        Dictionary<string, string> old = TelnyxHeaders(Hangup, NowSeconds - 240);

        Calls(clock: clock).Webhooks.Verify(Hangup, old);
        Assert.Equal(WebhookFailure.StaleTimestamp,
            Assert.Throws<WebhookVerificationException>(() => Calls(tolerance: TimeSpan.FromMinutes(1), clock: clock).Webhooks.Verify(Hangup, old)).Reason);
        clock.Now = Now.AddMinutes(10);
        Assert.Throws<WebhookVerificationException>(() => Calls(clock: clock).Webhooks.Verify(Hangup, old));
        Calls(tolerance: TimeSpan.FromMinutes(15), clock: clock).Webhooks.Verify(Hangup, old);
    }

    [Fact]
    public void TheKeyComesFromTheVariableTheSpecNamesWhenTheOptionsHaveNone()
    {
        Environment.SetEnvironmentVariable("CALLS_PUBLIC_KEY", _signer.PublicKeyBase64);
        try
        {
            Assert.NotNull(Calls(key: null).Webhooks.Unwrap(Hangup, TelnyxHeaders(Hangup)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALLS_PUBLIC_KEY", null);
        }
    }

    [Fact]
    public void EachClientReadsItsOwnOptions()
    {
        var first = Calls();
        var second = Calls(key: new WebhookSigner().PublicKeyBase64);

        first.Webhooks.Verify(Hangup, TelnyxHeaders(Hangup));
        Assert.Throws<WebhookVerificationException>(() => second.Webhooks.Verify(Hangup, TelnyxHeaders(Hangup)));
    }

    private const string Delivered = """{"type":"parcel.delivered","timestamp":"2026-12-02T02:00:00Z","data":{"id":"p1","signed_by":"Ada"}}""";

    private static DeliveriesClient Deliveries(string key) =>
        new(new DeliveriesClientOptions { WebhookKey = key, TimeProvider = new FixedClock(Now) });

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static Dictionary<string, string> StandardHeaders(string signatures, string id = "msg_1", long? timestamp = null) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = (timestamp ?? NowSeconds).ToString(),
        ["webhook-signature"] = signatures,
    };

    [Fact]
    public void StandardWebhooksHmacSignaturesVerifyAndTheEventIsTyped()
    {
        string secret = NewSecret();
        string signature = WebhookSigner.SignStandardHmac(secret, "msg_1", NowSeconds, Delivered);
        DeliveriesClient client = Deliveries(secret);

        DeliveryEvent received = client.Webhooks.Unwrap(Delivered, StandardHeaders(signature));
        // Several signatures (a key rotation): one matching is enough, in any position.
        client.Webhooks.Verify(Delivered, StandardHeaders("v1,AAAA" + " " + WebhookSigner.SignStandardHmac(NewSecret(), "msg_1", NowSeconds, Delivered) + " " + signature));

        Assert.Equal(WebhookSignatureKind.StandardWebhooks, client.Webhooks.Scheme);
        Assert.True(received.TryGetParcelDelivered(out ParcelDelivered? delivered));
        Assert.Equal("Ada", delivered!.Data.SignedBy);
        Assert.False(received.TryGetParcelShipped(out _));
    }

    [Fact]
    public void StandardWebhooksRejectTamperingReplayAndForeignSignatures()
    {
        string secret = NewSecret();
        string signature = WebhookSigner.SignStandardHmac(secret, "msg_1", NowSeconds, Delivered);
        DeliveriesClient client = Deliveries(secret);
        var cases = new (WebhookFailure Expected, Dictionary<string, string> Headers, string Body)[]
        {
            (WebhookFailure.BadSignature, StandardHeaders(signature), Delivered.Replace("Ada", "Eve", StringComparison.Ordinal)),
            (WebhookFailure.BadSignature, StandardHeaders(signature, id: "msg_2"), Delivered),                       // the id is signed too
            (WebhookFailure.BadSignature, StandardHeaders(WebhookSigner.SignStandardHmac(NewSecret(), "msg_1", NowSeconds, Delivered)), Delivered),
            (WebhookFailure.BadSignature, StandardHeaders("v2," + signature[3..]), Delivered),                       // an unknown version is no signature
            (WebhookFailure.StaleTimestamp, StandardHeaders(WebhookSigner.SignStandardHmac(secret, "msg_1", NowSeconds - 600, Delivered), timestamp: NowSeconds - 600), Delivered),
            (WebhookFailure.MissingHeader, Without(StandardHeaders(signature), "webhook-id"), Delivered),
        };

        foreach (var (expected, headers, body) in cases)
        {
            var error = Assert.Throws<WebhookVerificationException>(() => client.Webhooks.Unwrap(body, headers));
            Assert.Equal(expected, error.Reason);
            Assert.DoesNotContain(secret["whsec_".Length..], error.Message);
        }
    }

    [Fact]
    public void StandardWebhooksEd25519SignaturesVerifyWithAWhpkKey()
    {
        string signature = _signer.SignStandardEd25519("msg_9", NowSeconds, Delivered);
        DeliveriesClient client = Deliveries("whpk_" + _signer.PublicKeyBase64);

        client.Webhooks.Verify(Delivered, StandardHeaders("v1,bm90IHRoaXM= " + signature, id: "msg_9"));
        Assert.Equal(WebhookFailure.BadSignature, Assert.Throws<WebhookVerificationException>(() =>
            client.Webhooks.Verify(Delivered, StandardHeaders(new WebhookSigner().SignStandardEd25519("msg_9", NowSeconds, Delivered), id: "msg_9"))).Reason);
    }

    [Fact]
    public void ParseReadsWithoutVerifying()
    {
        CallEvent parsed = new CallsClient().Webhooks.Parse(Hangup);

        Assert.True(parsed.TryGetCallHangupEvent(out _));
        Assert.Throws<ApiSerializationException>(() => new CallsClient().Webhooks.Parse("not json"));
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> headers, string name)
    {
        headers.Remove(name);
        return headers;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> headers, string name, string value)
    {
        headers[name] = value;
        return headers;
    }
}
