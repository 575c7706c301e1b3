using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Telnyx.Sip.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. The catalogue with what to do about each is in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Telnyx.Sip.Generator";

    public static readonly DiagnosticDescriptor YamlSyntax = new(
        "TSG001", "The spec is not valid YAML or JSON",
        "The spec '{0}' cannot be parsed: {1}", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor NotOpenApi = new(
        "TSG002", "The file is not an OpenAPI document",
        "'{0}' is marked as an OpenAPI spec but has no top-level 'openapi' version: {1}", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor UnsupportedVersion = new(
        "TSG003", "Unsupported OpenAPI version",
        "'{0}' declares OpenAPI {1}; the generator reads OpenAPI 3.0, 3.1 and 3.2", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        "TSG004", "Unresolved $ref",
        "The reference '{0}' does not point to anything in the spec", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor DuplicateOperationId = new(
        "TSG005", "Duplicate operationId",
        "The operationId '{0}' is used by more than one operation; the later one is named after its method and path", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor InvalidNode = new(
        "TSG006", "Unexpected value in the spec",
        "{0}", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor NameCollision = new(
        "TSG007", "Two names become one C# identifier",
        "'{0}' becomes the C# identifier '{1}', which another name already has; it is generated as '{2}'", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor SwaggerDocument = new(
        "TSG008", "Swagger 2.0 is not read",
        "'{0}' is a Swagger {1} document; the generator reads OpenAPI 3.0, 3.1 and 3.2. Convert it to OpenAPI 3 (for example with 'npx swagger2openapi {0} -o openapi.yaml') and use the converted file.",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor AliasBudget = new(
        "TSG010", "The YAML aliases expand too far",
        "The YAML aliases of '{0}' stand for more than {1} nodes, the most the generator reads (a document of nested aliases can stand for billions); write the repeated content out, or use $ref",
        Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor DocumentTooLarge = new(
        "TSG011", "The spec is too large",
        "'{0}' has {1} characters; the generator reads specs of up to {2}. Generate from a smaller spec (split it, or keep only the paths you use).",
        Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor ReferenceTooDeep = new(
        "TSG012", "References nest too deep",
        "{0}; the generator follows at most {1}", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor TooManyTypes = new(
        "TSG013", "The spec would generate too many types",
        "'{0}' would generate more than {1} types; generate from part of it with the OpenApiIncludeTags or OpenApiIncludePaths metadata",
        Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor ExternalReference = new(
        "TSG014", "External $ref",
        "The reference '{0}' points outside the spec, and the generator reads nothing but the spec itself (no file, no URL); bundle the spec into one document, for example with 'npx @redocly/cli bundle'",
        Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor InvalidAdditionalOperation = new(
        "TSG016", "An additional operation cannot be generated",
        "The additional operation '{0}' of '{1}' is not generated: {2}", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor InvalidTagParent = new(
        "TSG017", "A tag's parent cannot nest it",
        "The tag '{0}' is not nested under its parent '{1}': {2}", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor InvalidQueryString = new(
        "TSG018", "A querystring parameter cannot be generated",
        "The querystring parameter '{0}' of '{1}' is not generated: {2}", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        "TSG100", "Construct not supported yet",
        "{0}; {1}", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor InternalError = new(
        "TSG999", "The generator failed",
        "The generator failed on '{0}': {1}. Please report this as a bug with the spec attached.", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor InvalidCSharpName = new(
        "TSG015", "Invalid C# name in the spec",
        "The C# name '{0}' given to {1} is not a valid C# identifier (ASCII letters, digits and '_', not starting with a digit, not a keyword); the derived name is used",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor NoServerUrl = new(
        "TSG020", "The spec names no absolute server URL",
        "'{0}' names no absolute server URL ({1}); {2} sends no request until {2}Options.BaseUrl is set", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor UntypedEventStream = new(
        "TSG040", "Streamed events without one item type",
        "The {0} response of '{1}' {2}; the method returns the body as a raw stream. Give the events' data one JSON schema (a oneOf of the variants) as their 'contentSchema' to get typed items.",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor ItemSchemaIgnored = new(
        "TSG041", "itemSchema on a media type that is not a sequence",
        "The {0} content of '{1}' has an 'itemSchema', which describes the items of a sequential media type (text/event-stream, application/jsonl, application/x-ndjson, application/json-seq); it is ignored here. Use 'schema' for a whole body.",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = new(
        "TSG030", "The project's C# version is too old for the generated client",
        "This project compiles C# {0}; the generated client needs C# {1} or later. Set <LangVersion>{1}</LangVersion> (or latest) in the project file. No client is generated until then.",
        Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor UnknownWebhookScheme = new(
        "TSG050", "Webhook signatures cannot be verified",
        "The webhooks of '{0}' declare no signature scheme the runtime knows (Telnyx's telnyx-signature-ed25519 and telnyx-timestamp headers, or Standard Webhooks' webhook-id, webhook-timestamp and webhook-signature, by name or x-webhook-equivalent); their events are generated, but Webhooks.Unwrap and Verify throw and only Parse reads them",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor MixedWebhookSchemes = new(
        "TSG051", "Webhooks signed in different ways",
        "The webhook '{0}' declares {1}, but an earlier webhook declares {2}; Webhooks verifies every event with the first",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor WebhookWithoutPayload = new(
        "TSG052", "Webhook without a JSON payload",
        "The webhook '{0}' declares no JSON request body schema; its events are read as the event type's raw JSON",
        Category, DiagnosticSeverity.Warning, true);

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new()
    {
        [YamlSyntax.Id] = YamlSyntax,
        [NotOpenApi.Id] = NotOpenApi,
        [UnsupportedVersion.Id] = UnsupportedVersion,
        [UnresolvedReference.Id] = UnresolvedReference,
        [DuplicateOperationId.Id] = DuplicateOperationId,
        [InvalidNode.Id] = InvalidNode,
        [NameCollision.Id] = NameCollision,
        [SwaggerDocument.Id] = SwaggerDocument,
        [AliasBudget.Id] = AliasBudget,
        [DocumentTooLarge.Id] = DocumentTooLarge,
        [ReferenceTooDeep.Id] = ReferenceTooDeep,
        [TooManyTypes.Id] = TooManyTypes,
        [ExternalReference.Id] = ExternalReference,
        [InvalidAdditionalOperation.Id] = InvalidAdditionalOperation,
        [InvalidTagParent.Id] = InvalidTagParent,
        [InvalidQueryString.Id] = InvalidQueryString,
        [UnsupportedConstruct.Id] = UnsupportedConstruct,
        [InternalError.Id] = InternalError,
        [InvalidCSharpName.Id] = InvalidCSharpName,
        [NoServerUrl.Id] = NoServerUrl,
        [LanguageVersionTooOld.Id] = LanguageVersionTooOld,
        [UntypedEventStream.Id] = UntypedEventStream,
        [ItemSchemaIgnored.Id] = ItemSchemaIgnored,
        [UnknownWebhookScheme.Id] = UnknownWebhookScheme,
        [MixedWebhookSchemes.Id] = MixedWebhookSchemes,
        [WebhookWithoutPayload.Id] = WebhookWithoutPayload,
    };

    public static DiagnosticDescriptor ById(string id) => All[id];
}
