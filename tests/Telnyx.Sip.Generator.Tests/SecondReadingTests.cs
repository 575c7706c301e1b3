using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Telnyx.Sip.Generator.Model;
using Telnyx.Sip.Generator.Reading;
using Xunit;
using Xunit.Abstractions;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// A second reading: every spec the tests hold is read by Microsoft.OpenApi 3.x as well, and its reading is compared
/// with ours (<see cref="ApiModelBuilder.ReadFacts"/>, made with the functions that build the model): operations,
/// parameters, media types, schema members with their required and nullable flags, enum values. A difference is a bug
/// on one side: ours are fixed; the library's are listed in <see cref="KnownLibraryDifferences"/> with the reason.
/// </summary>
public class SecondReadingTests(ITestOutputHelper output)
{
    private const string PublishedSpecs = "/work/published-specs";

    private const string NullableWithoutType =
        "OpenAPI 3.0 'nullable: true' beside $ref, allOf, oneOf or no type at all: the library adds null only to a declared " +
        "'type', so it reads the member as never null; the spec's authors mean that it may be null (their APIs send null " +
        "there), and a client that refuses it fails on real responses. We read null as allowed.";

    private const string NullableIn31 =
        "'nullable: true' in an OpenAPI 3.1 document, a 3.0 keyword that 3.1 dropped: the library ignores it, as 3.1 allows; " +
        "the spec was converted from 3.0 and means the member may be null. We read null as allowed.";

    private const string YamlNullInEnum =
        "An enum item written as an empty YAML value ('-' alone), which YAML 1.2 reads as null: the library reads an empty " +
        "string. We read null, as the description beside it says ('this will return null').";

    /// <summary>
    /// Where the library reads differently, and why ours is kept: by spec file, the lines (as prefixes, on both sides)
    /// and the reason. Found by this test on the published specs kept at /work/published-specs.
    /// </summary>
    private static readonly Dictionary<string, (string[] Lines, string Reason)[]> KnownLibraryDifferences = new(StringComparer.Ordinal)
    {
        ["sentry.json"] =
        [
            (
                [
                    "Dashboard.permissions required=no nullable=",
                    "DashboardDetails.permissions required=no nullable=",
                    "DashboardWidget.layout required=no nullable=",
                ],
                NullableWithoutType),
        ],
        ["twilio-api-v2010.yaml"] =
        [
            (
                [
                    "api.v2010.account.call.call_event.request required=no nullable=",
                    "api.v2010.account.call.call_event.response required=no nullable=",
                    "api.v2010.account.call.call_recording.encryption_details required=no nullable=",
                    "api.v2010.account.conference.conference_recording.encryption_details required=no nullable=",
                    "api.v2010.account.address.dependent_phone_number.capabilities required=no nullable=",
                    "api.v2010.account.incoming_phone_number.incoming_phone_number_assigned_add_on.configuration required=no nullable=",
                    "api.v2010.account.recording.encryption_details required=no nullable=",
                ],
                NullableWithoutType),
        ],
        ["box.json"] =
        [
            (
                [
                    "Collaboration.item required=no nullable=",
                    "Collaboration.app_item required=no nullable=",
                    "EventSource.parent required=no nullable=",
                    "File.parent required=no nullable=",
                    "File--Full.parent required=no nullable=",
                    "File--Full.lock required=no nullable=",
                    "Folder.shared_link required=no nullable=",
                    "Folder.parent required=no nullable=",
                    "Folder--Full.shared_link required=no nullable=",
                    "Folder--Full.parent required=no nullable=",
                ],
                NullableWithoutType),
        ],
        ["adyen-checkout.yaml"] =
        [
            (
                [
                    "PaymentRefundRequest.merchantRefundReason required=no nullable=",
                    "PaymentRefundResponse.merchantRefundReason required=no nullable=",
                ],
                NullableIn31),
        ],
        ["intercom.yaml"] =
        [
            (
                [
                    "conversation_list_item.company required=no nullable=",
                    "conversation_list_item.ai_agent required=no nullable=",
                    "conversation_list_item.sales_agent required=no nullable=",
                    "conversation.company required=no nullable=",
                    "conversation.ai_agent required=no nullable=",
                    "conversation.sales_agent required=no nullable=",
                    "conversation_scorecard_evaluator.result required=no nullable=",
                    "conversation_part.assigned_to required=no nullable=",
                    "conversation_part.email_message_metadata required=no nullable=",
                    "conversation_part.metadata required=no nullable=",
                    "conversation_part.event_details required=no nullable=",
                    "create_content_import_source_request.audience_ids required=no nullable=",
                    "single_filter_search_request.value required=no nullable=",
                    "ticket_part.assigned_to required=no nullable=",
                    "update_content_import_source_request.audience_ids required=no nullable=",
                ],
                NullableWithoutType),
            (
                [
                    "ai_agent.last_answer_type: ",
                    "ai_agent.resolution_state: ",
                    "article_content.type: ",
                    "article_translated_content.type: ",
                    "group_content.type: ",
                    "group_translated_content.type: ",
                    "linked_object.category: ",
                ],
                YamlNullInEnum),
        ],
        ["resend.yaml"] =
        [
            (
                [
                    "RetrievedAttachment.filename required=no nullable=",
                    "RetrievedAttachment.content_disposition required=no nullable=",
                    "GetSuppressionResponseSuccess.source_id required=no nullable=",
                ],
                NullableIn31),
        ],
        ["plaid.yaml"] =
        [
            (
                [
                    "IdentityMatchUser.address required=no nullable=",
                    "ProcessorNumber.ach required=no nullable=",
                    "ProcessorNumber.eft required=no nullable=",
                    "ProcessorNumber.international required=no nullable=",
                    "ProcessorNumber.bacs required=no nullable=",
                    "PaymentInitiationRecipientCreateRequest.bacs required=no nullable=",
                    "PaymentInitiationRecipientGetResponse.bacs required=no nullable=",
                    "PaymentInitiationRecipient.bacs required=no nullable=",
                    "PaymentInitiationPaymentGetResponse.schedule required=no nullable=",
                    "PaymentInitiationPaymentGetResponse.bacs required=yes nullable=",
                    "PaymentInitiationPayment.schedule required=no nullable=",
                    "PaymentInitiationPayment.bacs required=yes nullable=",
                    "ExternalPaymentInitiationConsentOptions.bacs required=no nullable=",
                    "PaymentInitiationConsentPayerNumbers.bacs required=no nullable=",
                    "ExternalPaymentOptions.bacs required=no nullable=",
                    "ExternalPaymentRefundDetails.bacs required=yes nullable=",
                    "Employer.address required=yes nullable=",
                    "AccountAccess.account_product_access required=no nullable=",
                    "ConnectedApplication.scopes required=no nullable=",
                    "Activity.scopes required=no nullable=",
                    "IdentityVerificationListRequest.user_id required=no nullable=",
                    "ItemGetResponse.status required=no nullable=",
                ],
                NullableWithoutType),
        ],
    };

    public static TheoryData<string> Specs()
    {
        string root = GeneratorHarness.RepoRoot;
        var specs = new TheoryData<string>();
        foreach (string path in new[] { Path.Combine(root, "specs") }
                     .Concat(Directory.GetDirectories(Path.Combine(root, "tests")).Select(d => Path.Combine(d, "specs")))
                     .Append(Path.Combine(root, "tests", "Telnyx.Sip.Generator.Tests", "Specs"))
                     .Where(Directory.Exists)
                     .SelectMany(Directory.GetFiles)
                     .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                     .Where(f => Path.GetFileName(f) != "hostile.yaml") // made to break readers: see HostileSpecTests
                     .Order(StringComparer.Ordinal))
        {
            specs.Add(Path.GetRelativePath(root, path));
        }

        return specs;
    }

    public static TheoryData<string> Published()
    {
        var specs = new TheoryData<string>();
        if (Directory.Exists(PublishedSpecs))
        {
            foreach (string path in Directory.GetFiles(PublishedSpecs).Order(StringComparer.Ordinal))
            {
                specs.Add(Path.GetFileName(path));
            }
        }
        else
        {
            specs.Add("(absent)");
        }

        return specs;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void MicrosoftOpenApiReadsOurSpecsAsWeDo(string relativePath) =>
        Compare(Path.Combine(GeneratorHarness.RepoRoot, relativePath));

    [SkippableTheory]
    [MemberData(nameof(Published))]
    public void MicrosoftOpenApiReadsThePublishedSpecsAsWeDo(string file)
    {
        Skip.If(file == "(absent)", $"{PublishedSpecs} is not on this machine: the published specs are kept outside the repository.");
        Compare(Path.Combine(PublishedSpecs, file));
    }

    private void Compare(string path)
    {
        string text = File.ReadAllText(path);
        SpecFacts ours = ApiModelBuilder.ReadFacts(new SpecInput(path, text, null, null, true), default)
                         ?? throw new InvalidOperationException("We cannot read " + path);
        SpecFacts theirs = LibraryFacts(text, path.EndsWith(".json", StringComparison.Ordinal) ? "json" : "yaml");
        var known = KnownLibraryDifferences.TryGetValue(Path.GetFileName(path), out var entries) ? entries : [];

        var report = new StringBuilder();
        Section("operations", ours.Operations, theirs.Operations);
        Section("parameters", ours.Parameters, theirs.Parameters);
        Section("media types", ours.MediaTypes, theirs.MediaTypes);
        Section("schema members", ours.Members, theirs.Members);
        Section("enums", ours.Enums, theirs.Enums);
        output.WriteLine($"{Path.GetFileName(path)}: {ours.Operations.Count} operations, {ours.Parameters.Count} parameters, " +
                         $"{ours.MediaTypes.Count} media types, {ours.Members.Count} members, {ours.Enums.Count} enums compared");
        Assert.True(report.Length == 0, report.ToString());

        void Section(string name, IReadOnlyList<string> our, IReadOnlyList<string> their)
        {
            var onlyOurs = our.Except(their, StringComparer.Ordinal).Where(l => !IsKnown(l)).ToList();
            var onlyTheirs = their.Except(our, StringComparer.Ordinal).Where(l => !IsKnown(l)).ToList();
            if (onlyOurs.Count + onlyTheirs.Count == 0)
            {
                return;
            }

            report.AppendLine($"{name}: {onlyOurs.Count} only in ours, {onlyTheirs.Count} only in Microsoft.OpenApi's");
            foreach (string line in onlyOurs.Take(20))
            {
                report.AppendLine("  ours:   " + line);
            }

            foreach (string line in onlyTheirs.Take(20))
            {
                report.AppendLine("  theirs: " + line);
            }
        }

        bool IsKnown(string line) => known.Any(k => k.Lines.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)));
    }

    private static SpecFacts LibraryFacts(string text, string format)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        ReadResult result = OpenApiDocument.Parse(text, format, settings);
        OpenApiDocument document = result.Document ?? throw new InvalidOperationException(
            "Microsoft.OpenApi cannot read the spec: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));

        var operations = new List<string>();
        var parameters = new List<string>();
        var media = new List<string>();
        foreach (var path in document.Paths ?? [])
        {
            foreach (var operation in path.Value.Operations ?? [])
            {
                string at = operation.Key.Method + " " + path.Key;
                operations.Add(at + " " + (operation.Value.OperationId ?? "-"));
                var merged = new List<IOpenApiParameter>();
                foreach (IOpenApiParameter parameter in (path.Value.Parameters ?? []).Concat(operation.Value.Parameters ?? []))
                {
                    merged.RemoveAll(p => p.Name == parameter.Name && p.In == parameter.In);
                    merged.Add(parameter);
                }

                foreach (IOpenApiParameter parameter in merged.Where(p => p.Name is not null && p.In is not null))
                {
                    string location = parameter.In!.Value.ToString().ToLowerInvariant();
                    string style = location == "querystring" ? "-" : parameter.Style is { } s ? StyleName(s) : location is "query" or "cookie" ? "form" : "simple";
                    parameters.Add($"{at} {location} {parameter.Name} required={Flag(parameter.Required)} style={style}");
                }

                foreach (string type in operation.Value.RequestBody?.Content?.Keys ?? [])
                {
                    media.Add($"{at} request {type}");
                }

                foreach (var response in operation.Value.Responses ?? [])
                {
                    foreach (string type in response.Value.Content?.Keys ?? [])
                    {
                        media.Add($"{at} response {response.Key} {type}");
                    }
                }
            }
        }

        var members = new List<string>();
        var enums = new List<string>();
        foreach (var component in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            AddEnum(component.Key, component.Value);
            var required = new HashSet<string>(StringComparer.Ordinal);
            var collected = new List<KeyValuePair<string, IOpenApiSchema>>();
            Collect(component.Value, required, collected, new HashSet<IOpenApiSchema>(System.Collections.Generic.ReferenceEqualityComparer.Instance));
            foreach (var member in collected)
            {
                members.Add($"{component.Key}.{member.Key} required={Flag(required.Contains(member.Key))} nullable={Flag(IsNullable(member.Value))}");
                if (member.Value is not OpenApiSchemaReference)
                {
                    AddEnum(component.Key + "." + member.Key, member.Value);
                }
            }
        }

        return new SpecFacts(operations, parameters, media, members, enums);

        void AddEnum(string name, IOpenApiSchema schema)
        {
            if (schema is not OpenApiSchemaReference && schema.Enum is { Count: > 0 } values)
            {
                enums.Add(name + ": " + string.Join("|", values.Select(EnumText)));
            }
        }
    }

    /// <summary>allOf parts first, then the schema's own members, as the generator flattens them.</summary>
    private static void Collect(IOpenApiSchema schema, HashSet<string> required, List<KeyValuePair<string, IOpenApiSchema>> members, HashSet<IOpenApiSchema> visited)
    {
        if (!visited.Add(schema) || visited.Count > 256)
        {
            return;
        }

        foreach (IOpenApiSchema part in schema.AllOf ?? [])
        {
            Collect(part is OpenApiSchemaReference { Target: { } target } ? target : part, required, members, visited);
        }

        foreach (var member in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            members.RemoveAll(m => m.Key == member.Key);
            members.Add(member);
        }

        required.UnionWith(schema.Required ?? new HashSet<string>());
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null)) ||
        (schema.Enum?.Any(v => EnumText(v) == "null") ?? false) ||
        ((schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf)?.Any(v => v.Type == JsonSchemaType.Null) ?? false);

    /// <summary>An enum value as text; the library stands for a JSON null with a sentinel string, which is null here.</summary>
    private static string EnumText(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue sentinel when sentinel.TryGetValue(out string? text) && text.StartsWith("openapi-json-null-sentinel-value", StringComparison.Ordinal) => "null",
        JsonValue scalar when scalar.TryGetValue(out string? text) => text,
        _ => value.ToJsonString(),
    };

    private static string StyleName(ParameterStyle style) => style switch
    {
        ParameterStyle.DeepObject => "deepObject",
        ParameterStyle.SpaceDelimited => "spaceDelimited",
        ParameterStyle.PipeDelimited => "pipeDelimited",
        _ => style.ToString().ToLowerInvariant(),
    };

    private static string Flag(bool value) => value ? "yes" : "no";
}
