using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>The spec's top-level <c>webhooks</c>: the event union, the signature scheme the headers declare, and TSG050-TSG052.</summary>
public class WebhookGenerationTests
{
    private static string DeliveriesPath => Path.Combine(GeneratorHarness.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "deliveries.yaml");

    private static ApiSpec Build(string text, string? includeTags = null) =>
        ApiModelBuilder.Build(new Reading.SpecInput("/project/specs/api.yaml", text, null, null, true) { IncludeTags = includeTags }, default).Spec!;

    [Fact]
    public void GeneratedCodeForTheStandardWebhooksSpecMatchesTheSnapshots()
    {
        var (result, _) = GeneratorHarness.Run(File.ReadAllText(DeliveriesPath), "/project/specs/deliveries.yaml");
        var files = result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        string report = Snapshot.Compare("deliveries", files);

        Assert.True(report.Length == 0, report);
    }

    [Fact]
    public void TheStandardWebhooksSpecCompilesStrictlyWithoutAnyDiagnostic()
    {
        var (generator, compiler, _) = GeneratorHarness.RunStrict(File.ReadAllText(DeliveriesPath));

        Assert.Empty(generator);
        Assert.Empty(compiler);
    }

    [Fact]
    public void StandardWebhooksHeadersSelectThatSchemeAndTheSignatureHeaderNamesTheKeyVariable()
    {
        ApiSpec spec = Build(File.ReadAllText(DeliveriesPath));

        Assert.Equal(new WebhooksSpec(new TypeRef(Model.TypeKind.Model, "global::Deliveries.WebhookEvent"), WebhookSchemeKind.StandardWebhooks,
            "webhook-signature", "webhook-timestamp", "webhook-id", "DELIVERIES_WEBHOOK_SECRET", new[] { "parcelShipped", "parcelDelivered" }.ToEquatableArray()),
            spec.Webhooks);
        ModelSpec union = spec.Models.Single(m => m.Name == "WebhookEvent");
        Assert.Equal(["type"], union.DiscriminatorPath);
        Assert.Equal(["ParcelShipped:parcel.shipped", "ParcelDelivered:parcel.delivered"],
            union.Variants.Select(v => v.Name + ":" + string.Join(",", v.DiscriminatorValues)));
    }

    private const string Telnyxish = """
        openapi: 3.1.0
        info: { title: Calls, version: '1' }
        servers: [{ url: 'https://api.example.com' }]
        paths: {}
        webhooks:
          CallHangup:
            post:
              tags: [Callbacks]
              parameters:
              - { name: telnyx-timestamp, in: header, required: true, schema: { type: integer }, x-webhook-equivalent: webhook-timestamp }
              - { name: telnyx-signature-ed25519, in: header, required: true, schema: { type: string }, x-webhook-equivalent: webhook-signature }
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/CallHangupEvent' }
        components:
          schemas:
            CallHangupEvent:
              type: object
              properties:
                data:
                  type: object
                  properties:
                    event_type: { type: string, enum: [call.hangup] }
        """;

    [Fact]
    public void TelnyxEd25519HeadersSelectThatSchemeAndTheKeyVariableComesFromTheItemMetadata()
    {
        var input = new Reading.SpecInput("/project/specs/api.yaml", Telnyxish, null, null, true) { WebhookKeyVariable = "MY_PUBLIC_KEY" };
        ApiSpec spec = ApiModelBuilder.Build(input, default).Spec!;

        Assert.Equal(WebhookSchemeKind.Ed25519TimestampPipe, spec.Webhooks!.Scheme);
        Assert.Equal(("telnyx-signature-ed25519", "telnyx-timestamp", (string?)null, "MY_PUBLIC_KEY"),
            (spec.Webhooks.SignatureHeader, spec.Webhooks.TimestampHeader, spec.Webhooks.IdHeader, spec.Webhooks.KeyVariable));
        Assert.Null(Build(Telnyxish).Webhooks!.KeyVariable); // the spec names no variable: none is assumed
    }

    [Fact]
    public void ThroughRealMetadataTheKeyVariableReachesTheGeneratedClient()
    {
        var (result, output) = GeneratorHarness.Run(Telnyxish, "/project/specs/api.yaml", new Dictionary<string, string> { ["OpenApiWebhookKeyEnv"] = "MY_PUBLIC_KEY" });

        string client = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Calls.CallsClient.g.cs").SourceText.ToString();
        Assert.Contains("KeyVariable = \"MY_PUBLIC_KEY\",", client);
        Assert.Contains("WebhookSignatureKind.Ed25519TimestampPipe", client);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void WebhooksFollowTheIncludeTags()
    {
        Assert.NotNull(Build(Telnyxish, includeTags: "Callbacks").Webhooks);
        Assert.Null(Build(Telnyxish, includeTags: "Numbers").Webhooks);
        Assert.DoesNotContain(Build(Telnyxish, includeTags: "Numbers").Models, m => m.Name == "WebhookEvent");
    }

    [Fact]
    public void HeadersOfNoKnownSchemeGetTsg050AndStillGenerateEventsThatCompile()
    {
        string spec = Telnyxish.Replace("telnyx-signature-ed25519", "x-acme-signature");

        var (run, output) = GeneratorHarness.Run(spec, "/project/specs/api.yaml");

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("TSG050", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.StartsWith("The webhooks of 'api.yaml' declare no signature scheme the runtime knows", diagnostic.GetMessage());
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1); // the `webhooks` mapping
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("WebhookSignatureKind.None", run.Results.Single().GeneratedSources.Single(s => s.HintName == "Calls.CallsClient.g.cs").SourceText.ToString());
    }

    [Fact]
    public void AWebhookSignedDifferentlyGetsTsg051AndOneWithoutPayloadTsg052()
    {
        string spec = Telnyxish.Replace("""
            components:
            """, """
              Other:
                post:
                  parameters:
                  - { name: webhook-id, in: header, schema: { type: string } }
                  - { name: webhook-timestamp, in: header, schema: { type: string } }
                  - { name: webhook-signature, in: header, schema: { type: string } }
            components:
            """);

        var (run, output) = GeneratorHarness.Run(spec, "/project/specs/api.yaml");

        Assert.Equal(["TSG051", "TSG052"], run.Diagnostics.Select(d => d.Id).Order());
        Assert.Equal("The webhook 'Other' declares the Standard Webhooks headers, but an earlier webhook declares Telnyx's Ed25519 headers; Webhooks verifies every event with the first",
            run.Diagnostics.Single(d => d.Id == "TSG051").GetMessage());
        Assert.Equal("The webhook 'Other' declares no JSON request body schema; its events are read as the event type's raw JSON",
            run.Diagnostics.Single(d => d.Id == "TSG052").GetMessage());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
