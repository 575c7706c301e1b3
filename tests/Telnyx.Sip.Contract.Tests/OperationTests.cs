using Telnyx.Sip.Runtime;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Telnyx.Sip.Contract.Tests;

/// <summary>Every operation of the spec, called through the generated client with realistic arguments.</summary>
[Collection(PrismCollection.Name)]
public class OperationTests(PrismFixture prism)
{
    private const string ConnectionId = "1293384261075731499";
    private const string IpId = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

    private static async Task<object> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items)
        {
            list.Add(item);
        }

        Assert.NotEmpty(list);
        return list;
    }

    private static CredentialInbound FullCredentialInbound() => new()
    {
        AniNumberFormat = AniNumberFormat.PlusE164,
        DnisNumberFormat = DnisNumberFormat.PlusE164,
        Codecs = ["G722", "G711U"],
        DefaultRoutingMethod = DefaultRoutingMethod.Sequential,
        ChannelLimit = 10,
        GenerateRingbackTone = true,
        IsupHeadersEnabled = true,
        PrackEnabled = true,
        ShakenStirEnabled = true,
        SimultaneousRinging = SimultaneousRinging.Enabled,
        SipCompactHeadersEnabled = true,
        Timeout1xxSecs = 10,
        Timeout2xxSecs = 20,
    };

    private static CredentialOutbound FullCredentialOutbound() => new()
    {
        AniOverride = "+13125550100",
        AniOverrideType = AniOverrideType.Always,
        CallParkingEnabled = true,
        ChannelLimit = 10,
        GenerateRingbackTone = true,
        InstantRingbackEnabled = false,
        Localization = "US",
        OutboundVoiceProfileId = ConnectionId,
        T38ReinviteSource = T38ReinviteSource.Customer,
    };

    /// <summary>Every field of the create request, nested objects included.</summary>
    internal static CreateCredentialConnectionRequest FullCreate() => new()
    {
        UserName = "office42contract",
        Password = "correct-horse-battery-staple",
        ConnectionName = "Chicago office",
        Active = true,
        AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
        AndroidPushCredentialId = "06b09dfd-7154-4980-8b75-cebf7a9d4f8e",
        IosPushCredentialId = "ec0c8e5d-439e-4620-a0c1-9d9c8d02a836",
        CallCostInWebhooks = true,
        DefaultOnHoldComfortNoiseEnabled = true,
        DtmfType = DtmfType.Rfc2833,
        EncodeContactHeaderEnabled = true,
        EncryptedMedia = EncryptedMedia.Srtp,
        Inbound = FullCredentialInbound(),
        Outbound = FullCredentialOutbound(),
        JitterBuffer = new() { EnableJitterBuffer = true, JitterbufferMsecMin = 60, JitterbufferMsecMax = 200 },
        NoiseSuppression = ConnectionNoiseSuppression.Both,
        NoiseSuppressionDetails = new() { Engine = ConnectionNoiseSuppressionDetailsEngine.DeepFilterNet, AttenuationLimit = 80 },
        OnnetT38PassthroughEnabled = true,
        RtcpSettings = new() { CaptureEnabled = true, Port = ConnectionRtcpSettingsPort.RtcpMux, ReportFrequencySecs = 10 },
        SipUriCallingPreference = SipUriCallingPreference.Internal,
        Tags = ["office", "chicago"],
        WebhookApiVersion = CreateCredentialConnectionRequestWebhookApiVersion.V2,
        WebhookEventUrl = "https://example.com/webhooks",
        WebhookEventFailoverUrl = "https://failover.example.com/webhooks",
        WebhookTimeoutSecs = 25,
    };

    /// <summary>Every field of the update request, with nullable ones cleared.</summary>
    internal static UpdateCredentialConnectionRequest FullUpdate() => new()
    {
        UserName = "office42renamed",
        Password = "another-long-secret-value",
        ConnectionName = "Chicago office (renamed)",
        Active = false,
        AnchorsiteOverride = AnchorsiteOverride.SanJoseCA,
        AndroidPushCredentialId = null,
        IosPushCredentialId = null,
        CallCostInWebhooks = false,
        DefaultOnHoldComfortNoiseEnabled = false,
        DtmfType = DtmfType.SipInfo,
        EncodeContactHeaderEnabled = false,
        EncryptedMedia = null,
        Inbound = FullCredentialInbound(),
        Outbound = FullCredentialOutbound(),
        JitterBuffer = new() { EnableJitterBuffer = false },
        NoiseSuppression = ConnectionNoiseSuppression.Disabled,
        NoiseSuppressionDetails = new() { Engine = ConnectionNoiseSuppressionDetailsEngine.Denoiser, AttenuationLimit = 0 },
        OnnetT38PassthroughEnabled = false,
        RtcpSettings = new() { CaptureEnabled = false, Port = ConnectionRtcpSettingsPort.Rtp1, ReportFrequencySecs = 60 },
        SipUriCallingPreference = SipUriCallingPreference.Disabled,
        Tags = [],
        WebhookApiVersion = WebhookApiVersion.V1,
        WebhookEventUrl = "https://example.com/v2/webhooks",
        WebhookEventFailoverUrl = null,
        WebhookTimeoutSecs = null,
    };

    private static readonly Dictionary<string, Func<TelnyxSipClient, Task<object>>> Calls = new()
    {
        ["ListAccessIpRanges"] = c => All(c.AccessIpRanges.ListAsync(new()
        {
            Filter = new() { CidrBlock = new() { Startswith = "10.0", Endswith = "/16" }, CreatedAt = new() { Gt = DateTimeOffset.Parse("2023-01-01T00:00:00Z") } },
            Page = new() { Size = 50 },
        })),
        ["CreateAccessIPRange"] = async c => await c.AccessIpRanges.CreateAsync(new() { CidrBlock = "192.168.0.0/24", Description = "Office VPN" }),
        ["DeleteAccessIpRange"] = async c => await c.AccessIpRanges.DeleteAsync("ar_1234"),
        ["ListConnections"] = c => All(c.Connections.ListAsync(new()
        {
            Filter = new() { ConnectionName = new() { Contains = "office" }, OutboundOutboundVoiceProfileId = ConnectionId },
            Page = new() { Size = 25 },
            Sort = ConnectionSort.ConnectionName.Descending(),
        })),
        ["RetrieveConnection"] = async c => await c.Connections.RetrieveAsync(ConnectionId),
        ["ListCredentialConnections"] = c => All(c.CredentialConnections.ListAsync(new()
        {
            Filter = new() { ConnectionName = new() { Contains = "Chicago, IL" }, Fqdn = "example.com", OutboundVoiceProfileId = ConnectionId },
            Page = new() { Number = 1, Size = 250 },
            Sort = ConnectionSort.CreatedAt,
        })),
        ["CreateCredentialConnection"] = async c => await c.CredentialConnections.CreateAsync(FullCreate()),
        ["RetrieveCredentialConnection"] = async c => await c.CredentialConnections.RetrieveAsync(ConnectionId),
        ["UpdateCredentialConnection"] = async c => await c.CredentialConnections.UpdateAsync(ConnectionId, FullUpdate()),
        ["DeleteCredentialConnection"] = async c => await c.CredentialConnections.DeleteAsync(ConnectionId),
        ["CheckRegistrationStatus"] = async c => await c.CredentialConnections.Actions.CheckRegistrationStatusAsync(ConnectionId),
        ["ListFqdnConnections"] = c => All(c.FqdnConnections.ListAsync(new() { Filter = new() { ConnectionName = new() { Contains = "trunk" } }, Sort = ConnectionSort.Active })),
        ["CreateFqdnConnection"] = async c => await c.FqdnConnections.CreateAsync(new()
        {
            ConnectionName = "SBC trunk",
            AnchorsiteOverride = AnchorsiteOverride.AmsterdamNetherlands,
            TransportProtocol = FqdnConnectionTransportProtocol.Tls,
            DtmfType = DtmfType.Inband,
            Inbound = new() { AniNumberFormat = AniNumberFormat.E164National, DnisNumberFormat = DnisNumberFormat.SipUsername, SipRegion = SipRegion.Europe, Timeout2xxSecs = 30 },
            Outbound = new() { AniOverrideType = AniOverrideType.Normal, TechPrefix = "1234", Localization = "GB" },
            MicrosoftTeamsSbc = false,
        }),
        ["RetrieveFqdnConnection"] = async c => await c.FqdnConnections.RetrieveAsync(ConnectionId),
        ["UpdateFqdnConnection"] = async c => await c.FqdnConnections.UpdateAsync(ConnectionId, new() { ConnectionName = "SBC trunk 2", EncryptedMedia = null, WebhookTimeoutSecs = null }),
        ["DeleteFqdnConnection"] = async c => await c.FqdnConnections.DeleteAsync(ConnectionId),
        ["ListFqdns"] = c => All(c.Fqdns.ListAsync(new()
        {
            Filter = new() { ConnectionId = ConnectionId, Fqdn = "sip.example.com", Port = 5060, DnsRecordType = "a" },
            Page = new() { Size = 20 },
        })),
        ["CreateFqdn"] = async c => await c.Fqdns.CreateAsync(new() { ConnectionId = ConnectionId, Fqdn = "sip.example.com", DnsRecordType = "a", Port = 5060 }),
        ["RetrieveFqdn"] = async c => await c.Fqdns.RetrieveAsync(ConnectionId),
        ["UpdateFqdn"] = async c => await c.Fqdns.UpdateAsync(ConnectionId, new() { Port = 5061, DnsRecordType = "srv" }),
        ["DeleteFqdn"] = async c => await c.Fqdns.DeleteAsync(ConnectionId),
        ["ListIpConnections"] = c => All(c.IpConnections.ListAsync(new() { Filter = new() { OutboundOutboundVoiceProfileId = ConnectionId }, Page = new() { Number = 2, Size = 10 } })),
        ["CreateIpConnection"] = async c => await c.IpConnections.CreateAsync(new()
        {
            ConnectionName = "PBX",
            TransportProtocol = TransportProtocol.Udp,
            Inbound = new() { SipSubdomain = "office42", SipSubdomainReceiveSettings = SipSubdomainReceiveSettings.OnlyMyConnections, Codecs = ["G722"] },
            Outbound = new() { IpAuthenticationMethod = OutboundIpAuthenticationMethod.Token, IpAuthenticationToken = "token-1234" },
        }),
        ["RetrieveIpConnection"] = async c => await c.IpConnections.RetrieveAsync(ConnectionId),
        ["UpdateIpConnection"] = async c => await c.IpConnections.UpdateAsync(ConnectionId, new() { Active = false, AnchorsiteOverride = AnchorsiteOverride.LondonUK }),
        ["DeleteIpConnection"] = async c => await c.IpConnections.DeleteAsync(ConnectionId),
        ["ListIps"] = c => All(c.Ips.ListAsync(new() { Filter = new() { ConnectionId = ConnectionId, IpAddress = "192.168.0.10", Port = 5060 }, Page = new() { Size = 100 } })),
        ["CreateIp"] = async c => await c.Ips.CreateAsync(new() { IpAddress = "192.168.0.10", ConnectionId = ConnectionId, Port = 5060 }),
        ["RetrieveIp"] = async c => await c.Ips.RetrieveAsync(IpId),
        ["UpdateIp"] = async c => await c.Ips.UpdateAsync(IpId, new() { IpAddress = "192.168.0.11", Port = 5062 }),
        ["DeleteIp"] = async c => await c.Ips.DeleteAsync(IpId),
        ["ListOutboundVoiceProfiles"] = c => All(c.OutboundVoiceProfiles.ListAsync(new()
        {
            Filter = new() { Name = new() { Contains = "office-profile" } },
            Page = new() { Size = 20 },
            Sort = OutboundVoiceProfileSort.NameDescending,
        })),
        ["CreateVoiceProfile"] = async c => await c.OutboundVoiceProfiles.CreateAsync(new()
        {
            Name = "office-profile",
            TrafficType = TrafficType.Conversational,
            ServicePlan = ServicePlan.Global,
            UsagePaymentMethod = UsagePaymentMethod.RateDeck,
            WhitelistedDestinations = ["US", "CA", "GB"],
            ConcurrentCallLimit = 10,
            DailySpendLimit = "100.00",
            DailySpendLimitEnabled = true,
            MaxDestinationRate = 10.5,
            Enabled = true,
            Tags = ["office"],
            CallRecording = new() { CallRecordingType = CallRecordingType.ByCallerPhoneNumber, CallRecordingCallerPhoneNumbers = ["+13125550100"], CallRecordingChannels = CallRecordingChannels.Dual, CallRecordingFormat = CallRecordingFormat.Mp3 },
            CallingWindow = new() { StartTime = "08:00:00", EndTime = "20:00:00", CallsPerCld = 5 },
        }),
        ["GetOutboundVoiceProfile"] = async c => await c.OutboundVoiceProfiles.RetrieveAsync(ConnectionId),
        ["UpdateOutboundVoiceProfile"] = async c => await c.OutboundVoiceProfiles.UpdateAsync(ConnectionId, new() { Name = "office-profile-2", BillingGroupId = null, ConcurrentCallLimit = null }),
        ["DeleteOutboundVoiceProfile"] = async c => await c.OutboundVoiceProfiles.DeleteAsync(ConnectionId),
    };

    public static TheoryData<string> Operations => new(Calls.Keys);

    [Fact]
    public void EveryOperationOfTheSpecIsCovered()
    {
        string spec = System.IO.File.ReadAllText(System.IO.Path.Combine(Mock.PrismServer.FindRepoRoot(AppContext.BaseDirectory), "specs", "telnyx-sip.yaml"));
        var ids = System.Text.RegularExpressions.Regex.Matches(spec, @"operationId: (\w+)").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(36, ids.Count);
        Assert.Equal(ids.Order(), Calls.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task TheOperationReturnsATypedResultAndItsRequestsMatchTheSpec(string operationId)
    {
        var (result, violations) = await prism.Checked(Calls[operationId]);

        Assert.NotNull(result);
        Assert.Empty(violations);
    }
}
