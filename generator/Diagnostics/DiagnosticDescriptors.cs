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
        "'{0}' declares OpenAPI {1}; the generator reads OpenAPI 3.0 and 3.1", Category, DiagnosticSeverity.Error, true);

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
        "'{0}' is a Swagger {1} document; the generator reads OpenAPI 3.0 and 3.1. Convert it to OpenAPI 3 (for example with 'npx swagger2openapi {0} -o openapi.yaml') and use the converted file.",
        Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        "TSG100", "Construct not supported yet",
        "{0}; {1}", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor InternalError = new(
        "TSG999", "The generator failed",
        "The generator failed on '{0}': {1}. Please report this as a bug with the spec attached.", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor NoServerUrl = new(
        "TSG020", "The spec names no absolute server URL",
        "'{0}' names no absolute server URL ({1}); {2} sends no request until {2}Options.BaseUrl is set", Category, DiagnosticSeverity.Warning, true);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = new(
        "TSG030", "The project's C# version is too old for the generated client",
        "This project compiles C# {0}; the generated client needs C# {1} or later. Set <LangVersion>{1}</LangVersion> (or latest) in the project file. No client is generated until then.",
        Category, DiagnosticSeverity.Error, true);

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
        [UnsupportedConstruct.Id] = UnsupportedConstruct,
        [InternalError.Id] = InternalError,
        [NoServerUrl.Id] = NoServerUrl,
        [LanguageVersionTooOld.Id] = LanguageVersionTooOld,
    };

    public static DiagnosticDescriptor ById(string id) => All[id];
}
