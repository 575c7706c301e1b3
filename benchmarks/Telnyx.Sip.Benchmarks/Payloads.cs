using Telnyx.Sip.Runtime;
using System.Linq;
using System.Text;

namespace Telnyx.Sip.Benchmarks;

/// <summary>A list page of credential connections as the API serves it, with every member a connection has.</summary>
internal static class Payloads
{
    public static string Connection(int i) => $$$"""
        {"id":"{{{1293384261075731499L + i}}}","record_type":"credential_connection","active":true,"anchorsite_override":"Chicago, IL","connection_name":"office {{{i}}}","user_name":"office{{{i}}}user","password":"correct-horse-{{{i}}}","created_at":"2018-02-02T22:25:27.521Z","updated_at":"2018-02-02T22:25:27.521Z","default_on_hold_comfort_noise_enabled":true,"dtmf_type":"RFC 2833","encode_contact_header_enabled":true,"encrypted_media":"SRTP","onnet_t38_passthrough_enabled":false,"ios_push_credential_id":"ec0c8e5d-439e-4620-a0c1-9d9c8d02a836","android_push_credential_id":"06b09dfd-7154-4980-8b75-cebf7a9d4f8e","webhook_event_url":"https://example.com/webhooks","webhook_event_failover_url":"https://failover.example.com/webhooks","webhook_api_version":"2","webhook_timeout_secs":25,"call_cost_in_webhooks":false,"tags":["office","chicago"],"sip_uri_calling_preference":"internal","noise_suppression":"both","noise_suppression_details":{"engine":"denoiser","attenuation_limit":80},"jitter_buffer":{"enable_jitter_buffer":true,"jitterbuffer_msec_max":200,"jitterbuffer_msec_min":60},"rtcp_settings":{"port":"rtcp-mux","capture_enabled":true,"report_frequency_secs":10},"inbound":{"ani_number_format":"+E.164","dnis_number_format":"+e164","codecs":["G722","G711U"],"default_routing_method":"sequential","channel_limit":10,"generate_ringback_tone":true,"isup_headers_enabled":true,"prack_enabled":true,"shaken_stir_enabled":true,"sip_compact_headers_enabled":true,"simultaneous_ringing":"enabled","timeout_1xx_secs":10,"timeout_2xx_secs":15},"outbound":{"ani_override":"+13125550100","ani_override_type":"always","call_parking_enabled":false,"channel_limit":10,"generate_ringback_tone":true,"instant_ringback_enabled":false,"localization":"US","outbound_voice_profile_id":"1293384261075731499","t38_reinvite_source":"telnyx"}}
        """;

    /// <summary>One page: <paramref name="count"/> items of the page <paramref name="number"/> of <paramref name="pages"/>.</summary>
    public static byte[] Page(int count, int number = 1, int pages = 1, int offset = 0) => Encoding.UTF8.GetBytes(
        "{\"data\":[" + string.Join(",", Enumerable.Range(offset, count).Select(Connection)) +
        $"],\"meta\":{{\"page_number\":{number},\"page_size\":{count},\"total_pages\":{pages},\"total_results\":{count * pages}}}}}");
}
