using System.Collections.Generic;
using System.Linq;

namespace Telnyx.Sip.Generator.Model;

// The model between reading a spec and emitting code. Every type here is a record with value equality and holds
// no Roslyn symbol, syntax node or location: break that and incremental caching breaks with it. All C# names are
// decided by ApiModelBuilder; emitters only print them.

/// <summary>Everything generated from one spec file.</summary>
internal sealed record ApiSpec
{
    public required string Namespace { get; init; }
    public required string ClientName { get; init; }
    public required string? Title { get; init; }
    public required string? Description { get; init; }
    public required string? DefaultBaseUrl { get; init; }
    public required EquatableArray<ModelSpec> Models { get; init; }
    public required EquatableArray<EnumSpec> Enums { get; init; }
    public required EquatableArray<ResourceSpec> Resources { get; init; }

    /// <summary>How requests authenticate, from the spec's <c>securitySchemes</c> and <c>security</c>.</summary>
    public SecuritySpec Security { get; init; } = SecuritySpec.None;

    /// <summary>
    /// The first server's <c>url</c> as the spec writes it when it has <c>{variables}</c>, which <see cref="DefaultBaseUrl"/>
    /// fills with their defaults; null otherwise.
    /// </summary>
    public string? ServerTemplate { get; init; }

    /// <summary>The variables of <see cref="ServerTemplate"/> with their defaults, for the options' documentation.</summary>
    public EquatableArray<ServerVariableSpec> ServerVariables { get; init; } = EquatableArray<ServerVariableSpec>.Empty;

    /// <summary>The environment variable that may set the base URL (<c>x-env</c> on the first server); null for none.</summary>
    public string? BaseUrlVariable { get; init; }

    /// <summary>The spec's <c>info.version</c>, for the <c>User-Agent</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The environment variable that turns console logging on (the spec's <c>x-log-env</c>); null for none.</summary>
    public string? LogVariable { get; init; }

    /// <summary>The spec's top-level <c>webhooks</c>: their event type and signature scheme; null when it has none.</summary>
    public WebhooksSpec? Webhooks { get; init; }
}

/// <summary>A variable of the server URL (<c>servers[0].variables</c>): its default, the values it lists, its description.</summary>
internal sealed record ServerVariableSpec(string Name, string Default, EquatableArray<string> Values, string? Description);

/// <summary>How a value is represented in C#.</summary>
internal enum TypeKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    DateTimeOffset,
    Enum,
    Model,
    List,
    Map,
    Json,
}

/// <summary>A C# type: a primitive, a generated enum or model, or a list or map of another type.</summary>
internal sealed record TypeRef(TypeKind Kind, string Name, TypeRef? Element = null)
{
    public bool IsValueType => Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Boolean
        or TypeKind.DateTimeOffset or TypeKind.Enum or TypeKind.Json;

    public static readonly TypeRef String = new(TypeKind.String, "string");
    public static readonly TypeRef Int32 = new(TypeKind.Int32, "int");
    public static readonly TypeRef Int64 = new(TypeKind.Int64, "long");
    public static readonly TypeRef Double = new(TypeKind.Double, "double");
    public static readonly TypeRef Boolean = new(TypeKind.Boolean, "bool");
    public static readonly TypeRef DateTimeOffset = new(TypeKind.DateTimeOffset, "global::System.DateTimeOffset");
    public static readonly TypeRef Json = new(TypeKind.Json, "global::System.Text.Json.JsonElement");
}

/// <summary>Documentation taken from the spec.</summary>
internal sealed record DocSpec(string? Summary, EquatableArray<string> Remarks)
{
    public static readonly DocSpec None = new(null, EquatableArray<string>.Empty);
}

/// <summary>Whether a model travels as a JSON body or as query parameters.</summary>
internal enum ModelKind
{
    Json,
    Query,

    /// <summary>A oneOf/anyOf: one of several types, told apart by a discriminator or by the JSON's shape.</summary>
    Union,
}

/// <summary>A generated class.</summary>
internal sealed record ModelSpec
{
    public required string Name { get; init; }
    public required ModelKind Kind { get; init; }
    public required DocSpec Doc { get; init; }
    public required EquatableArray<PropertySpec> Properties { get; init; }

    /// <summary>Whether the model is sent in a request body (else it is only read from responses).</summary>
    public bool IsRequest { get; init; }

    /// <summary>For a query model that may also be given as one plain value (<c>filter[x]=v</c> besides <c>filter[x][op]=v</c>).</summary>
    public TypeRef? ScalarValue { get; init; }

    /// <summary>For a union: the types it can hold.</summary>
    public EquatableArray<VariantSpec> Variants { get; init; } = EquatableArray<VariantSpec>.Empty;

    /// <summary>For a union with a discriminator: the member whose value names the variant.</summary>
    public string? Discriminator { get; init; }

    /// <summary>
    /// For the webhook event union: the path to a member nested in the payload whose constant value names the variant,
    /// such as <c>data</c>, <c>event_type</c>; empty when <see cref="Discriminator"/> (a top-level member) or the shape decides.
    /// </summary>
    public EquatableArray<string> DiscriminatorPath { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>One type a union can hold.</summary>
/// <param name="Name">The C# name of the variant, used in <c>TryGet{Name}</c>.</param>
/// <param name="Type">The variant's type.</param>
/// <param name="DiscriminatorValues">The discriminator values that select this variant.</param>
/// <param name="RequiredMembers">For an object variant without a discriminator: members a JSON object must have to match.</param>
internal sealed record VariantSpec(string Name, TypeRef Type, EquatableArray<string> DiscriminatorValues, EquatableArray<string> RequiredMembers);

/// <summary>A property of a generated class.</summary>
internal sealed record PropertySpec
{
    public required string WireName { get; init; }
    public required string Name { get; init; }
    public required TypeRef Type { get; init; }

    /// <summary>Whether the C# type carries <c>?</c>.</summary>
    public required bool IsNullable { get; init; }

    /// <summary>Whether the property is a C# <c>required</c> member (required fields of request bodies).</summary>
    public required bool IsRequired { get; init; }

    /// <summary>
    /// Whether the spec allows null for the value (<c>type: [T, "null"]</c>, <c>nullable: true</c>): an assigned null is
    /// then sent as <c>null</c>; otherwise assigning null unsets the property.
    /// </summary>
    public bool AcceptsNull { get; init; }

    /// <summary>Whether <c>ToString</c> must hide the value (passwords, write-only fields).</summary>
    public required bool IsSecret { get; init; }

    public required DocSpec Doc { get; init; }
}

/// <summary>A generated string enumeration.</summary>
internal sealed record EnumSpec
{
    public required string Name { get; init; }
    public required DocSpec Doc { get; init; }
    public required EquatableArray<EnumMemberSpec> Members { get; init; }

    /// <summary>For <c>sort</c> parameters: offer the descending form (the <c>-</c> prefix).</summary>
    public required bool IsSortOrder { get; init; }
}

internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>A group of operations: a property of the root client, or of another resource.</summary>
internal sealed record ResourceSpec
{
    public required string PropertyName { get; init; }
    public required string ClassName { get; init; }
    public required EquatableArray<OperationSpec> Operations { get; init; }
    public required EquatableArray<ResourceSpec> Children { get; init; }

    /// <summary>The docs of the OpenAPI 3.2 tag the resource is made from (its <c>summary</c>, then <c>description</c>).</summary>
    public DocSpec Doc { get; init; } = DocSpec.None;
}

internal static class ResourceSpecExtensions
{
    /// <summary>The resources and, after each, its sub-resources, depth first.</summary>
    public static IEnumerable<ResourceSpec> WithDescendants(this IEnumerable<ResourceSpec> resources) =>
        resources.SelectMany(r => new[] { r }.Concat(r.Children.WithDescendants()));
}

/// <summary>How the body of a successful response is returned.</summary>
internal enum ResponseKind
{
    /// <summary>No body worth reading: the method returns the raw response only.</summary>
    None,

    /// <summary>The whole body is the value.</summary>
    Body,

    /// <summary>The value is the body's <c>data</c> member.</summary>
    Data,

    /// <summary>The body is one page of a list (<c>data</c> array plus <c>meta</c>).</summary>
    Page,

    /// <summary>The body is not JSON (a PDF, CSV, audio): it is returned as a stream.</summary>
    Stream,

    /// <summary>The body is a sequence of typed items (server-sent events, JSON Lines, …): see <see cref="OperationSpec.ItemStream"/>.</summary>
    Items,
}

/// <summary>A response of typed items read as they arrive: server-sent events, JSON Lines, NDJSON or JSON text sequences.</summary>
/// <param name="MethodName">The method's name without <c>Async</c>: the operation's own, or <c>{Name}Stream</c> beside a JSON method.</param>
/// <param name="MediaType">The media type asked for in <c>Accept</c>, as the spec writes it.</param>
/// <param name="Format">The runtime's <c>ItemStreamFormat</c> member.</param>
/// <param name="Item">The type of each item.</param>
/// <param name="EventTypes">The server-sent event types that carry items; empty for every type.</param>
internal sealed record ItemStreamSpec(string MethodName, string MediaType, string Format, TypeRef Item, EquatableArray<string> EventTypes);

/// <summary>How the request body is sent.</summary>
internal enum BodyKind
{
    None,
    Json,

    /// <summary>Bytes as they are (<c>application/octet-stream</c>, <c>audio/*</c>, …), from a stream.</summary>
    Binary,

    /// <summary><c>multipart/form-data</c>.</summary>
    Multipart,

    /// <summary><c>application/x-www-form-urlencoded</c>.</summary>
    Form,
}

internal sealed record OperationSpec
{
    public required string OperationId { get; init; }
    public required string MethodName { get; init; }
    public required string HttpMethod { get; init; }
    public required string PathTemplate { get; init; }
    public required EquatableArray<PathPart> Path { get; init; }
    public required EquatableArray<ParameterSpec> PathParameters { get; init; }

    /// <summary>Header parameters, generated as optional method arguments.</summary>
    public EquatableArray<ParameterSpec> HeaderParameters { get; init; } = EquatableArray<ParameterSpec>.Empty;

    /// <summary>The generated class holding the query parameters, when there are any.</summary>
    public required string? QueryClass { get; init; }

    /// <summary>
    /// An OpenAPI 3.2 <c>in: querystring</c> parameter: the whole query string as one object (a query model), sent
    /// form-encoded. Null when the operation has none.
    /// </summary>
    public ParameterSpec? QueryString { get; init; }

    /// <summary>Whether <see cref="QueryString"/> is required.</summary>
    public bool QueryStringRequired { get; init; }

    /// <summary>The <c>page[number]</c> key for a paged list.</summary>
    public required string? PageNumberKey { get; init; }

    /// <summary>The C# path to the page number in the query class (<c>Page?.Number</c>).</summary>
    public required string? PageNumberAccess { get; init; }

    public required TypeRef? Body { get; init; }
    public required bool BodyRequired { get; init; }
    public BodyKind BodyKind { get; init; }

    /// <summary>The media type of a non-JSON body.</summary>
    public string? BodyMediaType { get; init; }
    public required ResponseKind ResponseKind { get; init; }
    public required TypeRef? ResponseType { get; init; }

    /// <summary>The typed items of a streamed response; with a JSON response beside it, a second method returns them.</summary>
    public ItemStreamSpec? ItemStream { get; init; }

    /// <summary>The types of the error bodies, by status, most specific first.</summary>
    public EquatableArray<ErrorResponseSpec> ErrorResponses { get; init; } = EquatableArray<ErrorResponseSpec>.Empty;
    public required DocSpec Doc { get; init; }
    public required bool Deprecated { get; init; }
}

/// <summary>How an error response's key matches a status.</summary>
internal enum ErrorStatus
{
    /// <summary>One status, such as <c>404</c>.</summary>
    Exact,

    /// <summary><c>4XX</c> or <c>5XX</c>.</summary>
    Range,

    /// <summary><c>default</c>: every status no other response names.</summary>
    Default,
}

/// <summary>An error response: its key (<c>404</c>, <c>4XX</c>, <c>DEFAULT</c>) and the type its JSON body is read as.</summary>
internal sealed record ErrorResponseSpec(string Status, ErrorStatus Kind, TypeRef Type);

/// <summary>A literal piece of a path, or a parameter.</summary>
internal sealed record PathPart(string Text, bool IsParameter);

internal sealed record ParameterSpec(string WireName, string Name, TypeRef Type, DocSpec Doc);

/// <summary>The signature schemes the runtime verifies; mirrors the runtime's <c>WebhookSignatureKind</c>.</summary>
internal enum WebhookSchemeKind
{
    None,
    Ed25519TimestampPipe,
    StandardWebhooks,
}

/// <summary>The spec's webhooks: the union of their payloads and how they are signed, as their header parameters declare.</summary>
/// <param name="EventType">The union over every webhook payload (a model of kind Union).</param>
/// <param name="Scheme">The signature scheme the headers declare.</param>
/// <param name="SignatureHeader">The signature header's name, as the spec spells it.</param>
/// <param name="TimestampHeader">The timestamp header's name.</param>
/// <param name="IdHeader">The message id header's name (Standard Webhooks).</param>
/// <param name="KeyVariable">The environment variable for the key: the item's metadata, else the signature header's <c>x-env</c>.</param>
/// <param name="Names">The webhooks' names in the spec, in its order, for the documentation.</param>
internal sealed record WebhooksSpec(TypeRef EventType, WebhookSchemeKind Scheme, string? SignatureHeader, string? TimestampHeader, string? IdHeader,
    string? KeyVariable, EquatableArray<string> Names);
