using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using NewtonsoftProperty = Newtonsoft.Json.JsonPropertyAttribute;

namespace Telnyx.Sip.Benchmarks;

// The same shape as the generated CredentialConnection, written by hand the way a user of System.Text.Json's source
// generator or of Newtonsoft.Json would. Enums are strings here: neither library maps "Chicago, IL" without extra code.
// Names follow snake_case through each library's naming policy; only names it cannot derive are given explicitly.

public sealed class HwPage
{
    public List<HwConnection>? Data { get; set; }
    public HwMeta? Meta { get; set; }
}

public sealed class HwMeta
{
    public int? PageNumber { get; set; }
    public int? PageSize { get; set; }
    public int? TotalPages { get; set; }
    public int? TotalResults { get; set; }
}

public sealed class HwConnection
{
    public string? Id { get; set; }
    public string? RecordType { get; set; }
    public bool? Active { get; set; }
    public string? AnchorsiteOverride { get; set; }
    public string? ConnectionName { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public bool? DefaultOnHoldComfortNoiseEnabled { get; set; }
    public string? DtmfType { get; set; }
    public bool? EncodeContactHeaderEnabled { get; set; }
    public string? EncryptedMedia { get; set; }
    [JsonPropertyName("onnet_t38_passthrough_enabled"), NewtonsoftProperty("onnet_t38_passthrough_enabled")]
    public bool? OnnetT38PassthroughEnabled { get; set; }
    public string? IosPushCredentialId { get; set; }
    public string? AndroidPushCredentialId { get; set; }
    public string? WebhookEventUrl { get; set; }
    public string? WebhookEventFailoverUrl { get; set; }
    public string? WebhookApiVersion { get; set; }
    public int? WebhookTimeoutSecs { get; set; }
    public bool? CallCostInWebhooks { get; set; }
    public List<string>? Tags { get; set; }
    public string? SipUriCallingPreference { get; set; }
    public string? NoiseSuppression { get; set; }
    public HwNoiseSuppressionDetails? NoiseSuppressionDetails { get; set; }
    public HwJitterBuffer? JitterBuffer { get; set; }
    public HwRtcpSettings? RtcpSettings { get; set; }
    public HwInbound? Inbound { get; set; }
    public HwOutbound? Outbound { get; set; }
}

public sealed class HwNoiseSuppressionDetails
{
    public string? Engine { get; set; }
    public int? AttenuationLimit { get; set; }
}

public sealed class HwJitterBuffer
{
    public bool? EnableJitterBuffer { get; set; }
    public int? JitterbufferMsecMax { get; set; }
    public int? JitterbufferMsecMin { get; set; }
}

public sealed class HwRtcpSettings
{
    public string? Port { get; set; }
    public bool? CaptureEnabled { get; set; }
    public int? ReportFrequencySecs { get; set; }
}

public sealed class HwInbound
{
    public string? AniNumberFormat { get; set; }
    public string? DnisNumberFormat { get; set; }
    public List<string>? Codecs { get; set; }
    public string? DefaultRoutingMethod { get; set; }
    public int? ChannelLimit { get; set; }
    public bool? GenerateRingbackTone { get; set; }
    public bool? IsupHeadersEnabled { get; set; }
    public bool? PrackEnabled { get; set; }
    public bool? ShakenStirEnabled { get; set; }
    public bool? SipCompactHeadersEnabled { get; set; }
    public string? SimultaneousRinging { get; set; }
    [JsonPropertyName("timeout_1xx_secs"), NewtonsoftProperty("timeout_1xx_secs")]
    public int? Timeout1xxSecs { get; set; }
    [JsonPropertyName("timeout_2xx_secs"), NewtonsoftProperty("timeout_2xx_secs")]
    public int? Timeout2xxSecs { get; set; }
}

public sealed class HwOutbound
{
    public string? AniOverride { get; set; }
    public string? AniOverrideType { get; set; }
    public bool? CallParkingEnabled { get; set; }
    public int? ChannelLimit { get; set; }
    public bool? GenerateRingbackTone { get; set; }
    public bool? InstantRingbackEnabled { get; set; }
    public string? Localization { get; set; }
    public string? OutboundVoiceProfileId { get; set; }
    [JsonPropertyName("t38_reinvite_source"), NewtonsoftProperty("t38_reinvite_source")]
    public string? T38ReinviteSource { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HwPage))]
internal sealed partial class HandWrittenContext : JsonSerializerContext
{
}
