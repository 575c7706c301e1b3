using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>One type per concept: inline enums and objects declared in several places share one well-named type.</summary>
public class SharedTypesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    internal static ApiSpec Build(string spec, string path = "/project/specs/shared.yaml") =>
        ApiModelBuilder.Build(new Reading.SpecInput(path, spec, null, null, true), default).Spec!;

    /// <summary>Whether a PascalCase name says a word sequence twice in a row (<c>StatusStatus</c>, <c>IpIp</c>).</summary>
    internal static bool Stutters(string name)
    {
        List<string> words = Naming.IdentifierWords(name);
        for (int length = 1; length <= words.Count / 2; length++)
        {
            for (int start = 0; start + 2 * length <= words.Count; start++)
            {
                if (Enumerable.Range(0, length).All(i => string.Equals(words[start + i], words[start + length + i], System.StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> TypeNames(ApiSpec spec) =>
        spec.Models.Select(m => m.Name).Concat(spec.Enums.Select(e => e.Name)).Concat(spec.Resources.WithDescendants().Select(r => r.ClassName));

    private static string ShortName(TypeRef type) => type.Name.Substring(type.Name.LastIndexOf('.') + 1);

    [Fact]
    public void TheSipClientHasOneTypePerConceptAndNoStutteringNames()
    {
        ApiSpec spec = Build(GeneratorHarness.SipSpecText, "/project/specs/telnyx-sip.yaml");
        var properties = spec.Models.SelectMany(m => m.Properties.Select(p => (Model: m.Name, Property: p))).ToList();
        output.WriteLine($"{spec.Enums.Count} enums, {spec.Models.Count(m => m.Kind == ModelKind.Json)} JSON models, " +
                         $"{spec.Models.Count(m => m.Kind == ModelKind.Query)} query classes, {spec.Models.Count(m => m.Kind == ModelKind.Union)} unions");

        // Every calling_window is the one CallingWindow class.
        var callingWindows = properties.Where(p => p.Property.WireName == "calling_window").ToList();
        Assert.Equal(3, callingWindows.Count);
        Assert.All(callingWindows, p => Assert.Equal("CallingWindow", ShortName(p.Property.Type)));
        Assert.Single(spec.Models, m => m.Name.Contains("CallingWindow"));

        // Every webhook_api_version with the values 1 and 2 is the WebhookApiVersion enum; only another set of values
        // ("1", "2", "texml") is another type.
        var versionTypes = properties.Where(p => p.Property.WireName == "webhook_api_version").Select(p => ShortName(p.Property.Type)).Distinct().ToList();
        var versionEnums = spec.Enums.Where(e => versionTypes.Contains(e.Name)).ToList();
        Assert.Contains(versionEnums, e => e.Name == "WebhookApiVersion" && e.Members.Select(m => m.Value).SequenceEqual(["1", "2"]));
        Assert.Equal(versionEnums.Count, versionEnums.Select(e => string.Join(",", e.Members.Select(m => m.Value).Order())).Distinct().Count());
        Assert.Single(spec.Enums, e => e.Name.Contains("WebhookApiVersion") && e.Members.Select(m => m.Value).Order().SequenceEqual(["1", "2"]));

        // No two enums declared inline under the same property name have the same values (two component enums alike,
        // such as TransportProtocol and FqdnConnectionTransportProtocol, are the spec's own names and stay).
        string text = GeneratorHarness.SipSpecText;
        var byConcept = properties.Where(p => p.Property.Type.Kind == Model.TypeKind.Enum)
            .Where(p => !text.Contains("\n    " + ShortName(p.Property.Type) + ":\n"))
            .Select(p => (p.Property.WireName, Type: ShortName(p.Property.Type))).Distinct()
            .Select(p => (p.WireName, p.Type, Values: string.Join(",", spec.Enums.Single(e => e.Name == p.Type).Members.Select(m => m.Value).Order())))
            .GroupBy(p => (p.WireName, p.Values)).Where(g => g.Select(p => p.Type).Distinct().Count() > 1).ToList();
        Assert.True(byConcept.Count == 0, string.Join("; ", byConcept.Select(g => $"{g.Key.WireName}: {string.Join(", ", g.Select(p => p.Type).Distinct())}")));

        Assert.DoesNotContain(TypeNames(spec), Stutters);
        Assert.Contains("RegistrationStatusValue", spec.Enums.Select(e => e.Name));
        Assert.Contains("DefaultRoutingMethod", properties.Where(p => p.Property.WireName == "default_routing_method").Select(p => ShortName(p.Property.Type)).Distinct());
    }

    [Theory]
    [InlineData("IpAuthenticationMethod", false)]
    [InlineData("RegistrationStatusStatus", true)]
    [InlineData("OutboundOutboundVoiceProfileId", true)]
    [InlineData("OutboundIpIpAuthenticationMethod", true)]
    [InlineData("CallRecordingCallRecordingType", true)]
    [InlineData("ConnectionFilterConnectionName", false)]
    [InlineData("WebhookApiVersion", false)]
    public void TheStutterCheckSeesRepeatedWordSequences(string name, bool stutters)
    {
        Assert.Equal(stutters, Stutters(name));
    }

    [Theory]
    [InlineData("RegistrationStatus", "Status", "RegistrationStatusValue")]
    [InlineData("Outbound", "OutboundVoiceProfileId", "OutboundVoiceProfileId")]
    [InlineData("OutboundIp", "IpAuthenticationMethod", "OutboundIpAuthenticationMethod")]
    [InlineData("OutboundCallRecording", "CallRecordingChannels", "OutboundCallRecordingChannels")]
    [InlineData("Connection", "Port", "ConnectionPort")]
    public void JoinedNamesDoNotRepeatTheWordsWhereTheyMeet(string owner, string name, string expected)
    {
        Assert.Equal(expected, Naming.Join(owner, name));
    }

    private const string Spec = """
        openapi: 3.1.0
        info:
          title: Shared API
          version: 1.0.0
        servers:
        - url: https://shared.example.com/v1
        paths:
          /things:
            get:
              operationId: ListThings
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Thing'
            post:
              operationId: CreateThing
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/CreateThingRequest'
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Other'
        components:
          schemas:
            Thing:
              type: object
              properties:
                api_version:
                  description: The API version.
                  type: string
                  enum: ['1', '2']
                mode:
                  type: string
                  enum: [fast, slow]
                routing:
                  type: string
                  enum: [sequential, round-robin, null]
                time_window:
                  description: When.
                  type: object
                  required: [start]
                  properties:
                    start:
                      type: string
                    end:
                      type: string
                      format: time
                label:
                  allOf:
                  - $ref: '#/components/schemas/Label'
            CreateThingRequest:
              type: object
              properties:
                api_version:
                  type: string
                  enum: ['2', '1']
                mode:
                  type: string
                  enum: [fast, slow, off]
                time_window:
                  type: object
                  required: [start]
                  properties:
                    start:
                      type: string
                    end:
                      type: string
            Other:
              type: object
              properties:
                api_version:
                  type: string
                  enum: ['1', '2', '3']
                routing:
                  type: string
                  enum: [round-robin, sequential]
                preferred_routing:
                  $ref: '#/components/schemas/Routing'
                time_window:
                  type: object
                  properties:
                    start:
                      type: string
                    end:
                      type: string
            Routing:
              type: string
              enum: [sequential, round-robin]
            Label:
              description: A label of the thing.
              type: string
        """;

    /// <summary>The same spec with its paths and its schemas in the opposite order, so that types are met in another order.</summary>
    private static string Reversed(string spec) => ReverseBlocks(ReverseBlocks(spec, "paths:\n", "components:\n", 2), "  schemas:\n", null, 4);

    private static string ReverseBlocks(string text, string sectionStart, string? sectionEnd, int indent)
    {
        int start = text.IndexOf(sectionStart, System.StringComparison.Ordinal) + sectionStart.Length;
        int end = sectionEnd is null ? text.Length : text.IndexOf(sectionEnd, start, System.StringComparison.Ordinal);
        var blocks = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (string line in text.Substring(start, end - start).TrimEnd('\n').Split('\n'))
        {
            bool header = line.Length > indent && line.Substring(0, indent).Trim().Length == 0 && line[indent] != ' ';
            if (header && current.Length > 0)
            {
                blocks.Add(current.ToString());
                current.Clear();
            }

            current.Append(line).Append('\n');
        }

        blocks.Add(current.ToString());
        blocks.Reverse();
        return text.Substring(0, start) + string.Concat(blocks) + text.Substring(end);
    }

    private static Dictionary<string, string> PropertyTypes(ApiSpec spec) =>
        spec.Models.SelectMany(m => m.Properties.Select(p => (Key: m.Name + "." + p.WireName, Type: p.Type.Name)))
            .ToDictionary(p => p.Key, p => p.Type);

    [Fact]
    public void InlineTypesWithTheSamePropertyAndShapeAreOneTypeNamedByTheRules()
    {
        ApiSpec spec = Build(Spec);
        var types = PropertyTypes(spec);

        // Same values in another order: one type. Its property name has two words, but Other.api_version (other values)
        // wants it too, so neither has it alone: each is named after its shortest owner.
        Assert.Equal(types["Thing.api_version"], types["CreateThingRequest.api_version"]);
        Assert.NotEqual(types["Thing.api_version"], types["Other.api_version"]);
        Assert.Equal("global::Shared.ThingApiVersion", types["Thing.api_version"]);
        Assert.Equal("global::Shared.OtherApiVersion", types["Other.api_version"]);
        Assert.Equal("The API version.", spec.Enums.Single(e => e.Name == "ThingApiVersion").Doc.Summary);

        // A one-word property never names a type alone; different values are different types.
        Assert.Equal("global::Shared.ThingMode", types["Thing.mode"]);
        Assert.Equal("global::Shared.CreateThingRequestMode", types["CreateThingRequest.mode"]);

        // An inline enum with the values of the component enum named like its property is that enum.
        Assert.Equal("global::Shared.Routing", types["Thing.routing"]);
        Assert.Equal("global::Shared.Routing", types["Other.routing"]);
        Assert.DoesNotContain(spec.Enums, e => e.Name.EndsWith("Routing", System.StringComparison.Ordinal) && e.Name != "Routing");

        // Copies of time_window whose 'required' changes the C# shape are not merged: the request keeps its required
        // member, no response gains one, and the response that requires 'start' reads it as non-nullable.
        Assert.Equal(3, new[] { types["Thing.time_window"], types["CreateThingRequest.time_window"], types["Other.time_window"] }.Distinct().Count());
        Assert.True(spec.Models.Single(m => m.Name == "CreateThingRequestTimeWindow").Properties.Single(p => p.WireName == "start").IsRequired);
        Assert.DoesNotContain(spec.Models.Single(m => m.Name == "ThingTimeWindow").Properties, p => p.IsRequired);
        Assert.False(spec.Models.Single(m => m.Name == "ThingTimeWindow").Properties.Single(p => p.WireName == "start").IsNullable);
        Assert.True(spec.Models.Single(m => m.Name == "OtherTimeWindow").Properties.Single(p => p.WireName == "start").IsNullable);

        // A property without a description of its own is described by the schema its allOf refers to.
        Assert.Equal("A label of the thing.", spec.Models.Single(m => m.Name == "Thing").Properties.Single(p => p.WireName == "label").Doc.Summary);
    }

    [Fact]
    public void SharedTypeNamesDoNotDependOnTheOrderTypesAreMet()
    {
        ApiSpec forward = Build(Spec);
        ApiSpec backward = Build(Reversed(Spec));

        Assert.NotEqual(Spec, Reversed(Spec));
        Assert.Equal(PropertyTypes(forward).OrderBy(p => p.Key), PropertyTypes(backward).OrderBy(p => p.Key));
        Assert.Equal(forward.Enums.Select(e => e.Name), backward.Enums.Select(e => e.Name));
        Assert.Equal(forward.Models.Select(m => m.Name), backward.Models.Select(m => m.Name));
    }

    [Fact]
    public void TheGeneratedCodeWithSharedTypesCompiles()
    {
        var (result, output) = GeneratorHarness.Run(Spec, "/project/specs/shared.yaml");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "TSG007");
    }
}
