using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
using Xunit;
using Xunit.Abstractions;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>The whole published Telnyx spec (../shared/reference), far larger and less tidy than the SIP slice.</summary>
public class WholeSpecTests(ITestOutputHelper output)
{
    private static string ReadReference(string name)
    {
        string path = Path.GetFullPath(Path.Combine(GeneratorHarness.RepoRoot, "..", "shared", "reference", name));
        Assert.True(File.Exists(path), $"This test reads Telnyx's published spec from {path}, which is absent: check out ../shared beside the repository.");
        return File.ReadAllText(path);
    }

    [Fact]
    public void TheWholeTelnyxSpecGeneratesEveryOperationAndCompilesWithoutCompilerErrorsOrWarnings()
    {
        string spec = ReadReference("telnyx-openapi-2026-07-16.yml");
        int operations = CountOperations(spec);

        Model.BuildResult built = Model.ApiModelBuilder.Build(new Reading.SpecInput("/project/specs/telnyx.yaml", spec, null, null, true), default);
        int methods = built.Spec!.Resources.WithDescendants().Sum(r => r.Operations.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (result, compilation) = GeneratorHarness.Run(spec, "/project/specs/telnyx.yaml");
        long generateMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var compileDiagnostics = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        output.WriteLine($"generated in {generateMs} ms (cold, in process); compiled (binding and diagnostics of all files) in {clock.ElapsedMilliseconds} ms");

        output.WriteLine($"{operations} operations in the spec, {methods} methods, {built.Spec.Models.Count} models, {built.Spec.Enums.Count} enums, " +
                         $"{result.Results.Single().GeneratedSources.Length} files; generator diagnostics: " +
                         string.Join(", ", result.Diagnostics.GroupBy(d => d.Id).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.True(operations > 1000, $"Only {operations} operations found in the spec.");
        Assert.Equal(operations, methods);
        Assert.DoesNotContain(result.Diagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        // Every construct of the spec is generated: no "not supported yet" warning is left.
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "TSG100");
        Assert.True(compileDiagnostics.Count == 0, string.Join("\n", compileDiagnostics.Take(20)));

        // Its 66 webhooks: one event type over their payloads, told apart by data.event_type, signed with Telnyx's Ed25519
        // headers (the compilation above holds their types, with zero warnings).
        WebhooksSpec webhooks = built.Spec.Webhooks!;
        ModelSpec events = built.Spec.Models.Single(m => m.Name == "WebhookEvent");
        output.WriteLine($"{webhooks.Names.Count} webhooks, {events.Variants.Count} event types");
        Assert.Equal(66, webhooks.Names.Count);
        Assert.Equal((WebhookSchemeKind.Ed25519TimestampPipe, "telnyx-signature-ed25519", "telnyx-timestamp"), (webhooks.Scheme, webhooks.SignatureHeader, webhooks.TimestampHeader));
        Assert.Equal(["data", "event_type"], events.DiscriminatorPath);
        // 62 payloads name their event types in data.event_type (deliveryUpdate two, hostedNumberOrderEvent eight); four
        // name none there (a top-level event_type, an unconstrained string, no member) and are told by their shape.
        Assert.Equal(62, events.Variants.Count(v => v.DiscriminatorValues.Count > 0));
        Assert.Contains(events.Variants, v => v.Name == "CallHangupEvent" && v.DiscriminatorValues[0] == "call.hangup");
        Assert.Matches(@"public virtual global::Telnyx\.Sip\.Runtime\.WebhookReceiver<global::[\w.]+\.WebhookEvent> Webhooks \{ get; \}",
            result.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith("Client.g.cs") && s.SourceText.ToString().Contains("WebhookScheme")).SourceText.ToString());
    }

    [Fact]
    public void OnlyTheSipPartOfTheWholeSpecIsGeneratedWhenTheIncludeOptionsSaySo()
    {
        string spec = ReadReference("telnyx-openapi-2026-07-16.yml");
        const string SipTags = "Credential Connections;FQDN Connections;IP Connections;Connections;FQDNs;IPs;IP Ranges;Outbound Voice Profiles";
        var input = new Reading.SpecInput("/project/specs/telnyx.yaml", spec, "Telnyx.Sip", "TelnyxSipClient", true) { IncludeTags = SipTags };

        Model.ApiSpec model = Model.ApiModelBuilder.Build(input, default).Spec!;
        var (result, compilation) = GeneratorHarness.Run(spec, "/project/specs/telnyx.yaml",
            new System.Collections.Generic.Dictionary<string, string> { ["OpenApiIncludeTags"] = SipTags, ["OpenApiNamespace"] = "Telnyx.Sip" });

        Assert.Equal(
            ["AccessIpRanges", "Connections", "CredentialConnections", "FqdnConnections", "Fqdns", "IpConnections", "Ips", "OutboundVoiceProfiles"],
            model.Resources.Select(r => r.PropertyName).Order());
        Assert.Equal(36, model.Resources.WithDescendants().Sum(r => r.Operations.Count));
        Assert.True(model.Models.Count < 200, $"{model.Models.Count} models: types of excluded operations were generated.");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.DoesNotContain(result.Diagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);

        // The types shared by several declarations keep the names they have in the SIP spec: the names come from the
        // concepts the included operations reach, not from the rest of the spec nor from the order types are met.
        Model.ApiSpec sip = SharedTypesTests.Build(GeneratorHarness.SipSpecText, "/project/specs/telnyx-sip.yaml");
        var whole = model.Models.SelectMany(m => m.Properties.Select(p => (Key: m.Name + "." + p.WireName, p.Type.Name)))
            .ToDictionary(p => p.Key, p => p.Name);
        var differences = sip.Models.SelectMany(m => m.Properties.Select(p => (Key: m.Name + "." + p.WireName, p.Type.Name)))
            .Where(p => p.Name.Contains("CallingWindow") || p.Name.Contains("WebhookApiVersion") || p.Name.Contains("CallRecording") ||
                        p.Name.Contains("AuthenticationMethod") || p.Name.Contains("SimultaneousRinging") || p.Name.Contains("RegistrationStatus"))
            .Where(p => whole.TryGetValue(p.Key, out string? name) && name != p.Name)
            .Select(p => $"{p.Key}: {p.Name} in the SIP spec, {whole[p.Key]} in the whole spec").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Contains(model.Models, m => m.Name == "CallingWindow");
        Assert.Contains(model.Enums, e => e.Name == "WebhookApiVersion");
        Assert.DoesNotContain(model.Models.Select(m => m.Name).Concat(model.Enums.Select(e => e.Name)), SharedTypesTests.Stutters);
    }

    private static int CountOperations(string spec)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(spec));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var paths = (YamlDotNet.RepresentationModel.YamlMappingNode)root.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("paths")];
        return paths.Children.Values.OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Sum(item => item.Children.Keys.Count(k => k.ToString() is "get" or "put" or "post" or "patch" or "delete" or "head" or "options"));
    }
}
