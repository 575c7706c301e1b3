using System;
using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Telnyx.Sip.Client.Tests;

/// <summary>
/// Thousands of mutations of real response bodies (the seeds' examples and the spec's examples), read through the
/// generated models: each yields a model or a <see cref="ApiSerializationException"/> with a path, never
/// another exception type.
/// </summary>
public class ResponseFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int MutationsPerBody = 150;

    private static readonly string[] Replacements = ["{}", "[]", "\"x\"", "\"15\"", "1", "-1.5e300", "1e999", "true", "null", "\"\"", "[1,{\"a\":[]}]", "\"\\u0000\"", "99999999999999999999"];

    /// <summary>The bodies to mutate: each with the reader of the model its <c>data</c> holds.</summary>
    private static List<(string Name, string Json, Func<string, object> Read)> Bodies()
    {
        var bodies = new List<(string, string, Func<string, object>)>();
        foreach (object[] example in SeedExampleTests.ResponseExamples())
        {
            string json = (string)example[1];
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement data = document.RootElement.GetProperty("data");
            JsonElement first = data.ValueKind == JsonValueKind.Array ? data[0] : data;
            string type = first.TryGetProperty("record_type", out JsonElement t) ? t.GetString() ?? "" : "";
            bodies.Add(((string)example[0], first.GetRawText(), Reader(type)));
        }

        // The spec's own examples of the main resources.
        string spec = File.ReadAllText(Path.Combine(RepoRootFinder.Find(), "specs", "telnyx-sip.yaml"));
        Assert.Contains("example:", spec);
        foreach ((string schema, string type) in new[] { ("CredentialConnection", "credential_connection"), ("FqdnConnection", "fqdn_connection"), ("IpConnection", "ip_connection"), ("OutboundVoiceProfile", "outbound_voice_profile") })
        {
            bodies.Add(($"spec:{schema}", SpecExample(schema), Reader(type)));
        }

        return bodies;
    }

    private static Func<string, object> Reader(string recordType) => recordType switch
    {
        "credential_connection" => json => JsonModel.Read<CredentialConnection>(json),
        "fqdn_connection" => json => JsonModel.Read<FqdnConnection>(json),
        "ip_connection" => json => JsonModel.Read<IpConnection>(json),
        "fqdn" => json => JsonModel.Read<Fqdn>(json),
        "ip" => json => JsonModel.Read<Ip>(json),
        "outbound_voice_profile" => json => JsonModel.Read<OutboundVoiceProfile>(json),
        "registration_status" => json => JsonModel.Read<RegistrationStatus>(json),
        _ => json => JsonModel.Read<Connection>(json),
    };

    /// <summary>A full example body of each resource, written by these tests (it exercises nested objects, lists and enums).</summary>
    private static string SpecExample(string schema) => schema switch
    {
        "OutboundVoiceProfile" => """{"id":"1293384261075731499","record_type":"outbound_voice_profile","name":"office","connections_count":12,"traffic_type":"conversational","service_plan":"global","concurrent_call_limit":10,"enabled":true,"tags":["office-profile"],"usage_payment_method":"rate-deck","whitelisted_destinations":["US","BR","AU"],"max_destination_rate":10,"daily_spend_limit":"100.00","daily_spend_limit_enabled":true,"call_recording":{"call_recording_type":"by_caller_phone_number","call_recording_caller_phone_numbers":["+19705555098"],"call_recording_channels":"dual","call_recording_format":"mp3"},"billing_group_id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","created_at":"2018-02-02T22:25:27.521Z","updated_at":"2018-02-02T22:25:27.521Z"}""",
        _ => $$"""{"id":"1293384261075731499","record_type":"{{schema}}","active":true,"anchorsite_override":"Chicago, IL","connection_name":"office","dtmf_type":"RFC 2833","encrypted_media":null,"tags":["a","b"],"inbound":{"ani_number_format":"+E.164","dnis_number_format":"+e164","codecs":["G722"],"channel_limit":10,"timeout_2xx_secs":"15"},"outbound":{"ani_override_type":"always","channel_limit":10,"localization":"US"},"rtcp_settings":{"port":"rtcp-mux","capture_enabled":true,"report_frequency_secs":10},"jitter_buffer":{"enable_jitter_buffer":true,"jitterbuffer_msec_max":200,"jitterbuffer_msec_min":60},"webhook_timeout_secs":25,"created_at":"2018-02-02T22:25:27.521Z"}""",
    };

    private static IEnumerable<string> Mutations(string json, Random random)
    {
        for (int i = 0; i < MutationsPerBody; i++)
        {
            int at = random.Next(json.Length);
            switch (random.Next(7))
            {
                case 0: // delete a span
                    yield return json.Remove(at, Math.Min(random.Next(1, 12), json.Length - at));
                    break;
                case 1: // insert a structural character
                    const string structural = "{}[],:\"\\ 0-";
                    yield return json.Insert(at, structural.Substring(random.Next(structural.Length), 1));
                    break;
                case 2: // cut the document off
                    yield return json[..at];
                    break;
                case 3: // replace a value with one of another type
                    int colon = json.IndexOf(':', at);
                    if (colon < 0)
                    {
                        goto case 2;
                    }

                    int end = json.IndexOfAny([',', '}'], colon + 1);
                    if (end < 0 || json[colon + 1] is '{' or '[')
                    {
                        goto case 4;
                    }

                    yield return json[..(colon + 1)] + Replacements[random.Next(Replacements.Length)] + json[end..];
                    break;
                case 4: // replace a nested object or list
                    int open = json.IndexOfAny(['{', '['], Math.Max(1, at));
                    if (open < 0)
                    {
                        goto case 0;
                    }

                    yield return json[..open] + Replacements[random.Next(Replacements.Length)] + json[(open + 1)..];
                    break;
                case 5: // flip a byte to another character
                    var chars = json.ToCharArray();
                    chars[at] = (char)random.Next(1, 0x7f);
                    yield return new string(chars);
                    break;
                default: // nest deeper than the reader allows
                    yield return json.Insert(at, new string('[', 70));
                    break;
            }
        }
    }

    [Fact]
    public void MutatedResponsesYieldAModelOrASerializationErrorWithAPath()
    {
        var random = new Random(20261122);
        int read = 0, rejected = 0, lenient = 0, total = 0;
        var failures = new List<string>();
        var bodies = Bodies();
        Assert.True(bodies.Count >= 14, $"Only {bodies.Count} bodies to mutate.");

        foreach ((string name, string json, Func<string, object> readModel) in bodies)
        {
            foreach (string mutated in Mutations(json, random))
            {
                total++;
                try
                {
                    object model = readModel(mutated);
                    Assert.NotNull(model.ToString());
                    if (model is Runtime.GeneratedModel generated)
                    {
                        // What was read is written back whatever it held, and validating names where a bad value is.
                        using (var writer = new Utf8JsonWriter(System.IO.Stream.Null))
                        {
                            generated.WriteJson(writer);
                        }

                        try
                        {
                            generated.Validate();
                        }
                        catch (ApiSerializationException error) when (error.Path.StartsWith('$'))
                        {
                            lenient++;
                        }
                    }

                    read++;
                }
                catch (ApiSerializationException error)
                {
                    rejected++;
                    if (!error.Path.StartsWith('$') || error.RawBody != mutated)
                    {
                        failures.Add($"{name}: path '{error.Path}' or raw body missing for {mutated}");
                    }
                }
                catch (Exception error)
                {
                    failures.Add($"{name}: {error.GetType().Name}: {error.Message}\n    {mutated}");
                }
            }
        }

        output.WriteLine($"{total} mutations of {bodies.Count} bodies: {read} read as models ({lenient} of them keeping a bad value that Validate reports with its path), {rejected} rejected with a path.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} mutations escaped:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(total >= 2000, $"Only {total} mutations ran.");
        Assert.True(read > 100 && rejected > 100, $"read {read}, rejected {rejected}: the mutations should produce both outcomes");
    }

    [Fact]
    public void ABadValueIsReportedWithItsFullPath()
    {
        CredentialConnection connection = JsonModel.Read<CredentialConnection>("""{"id":"1","inbound":{"codecs":["G722",{"x":1}]}}""");

        var error = Assert.Throws<ApiSerializationException>(() => connection.Inbound!.Codecs);
        Assert.Equal("$.inbound.codecs[1]", error.Path);
        Assert.Equal("""["G722",{"x":1}]""", error.RawValue);
        Assert.Equal("$.inbound.codecs[1]", Assert.Throws<ApiSerializationException>(connection.Validate).Path);
    }
}
