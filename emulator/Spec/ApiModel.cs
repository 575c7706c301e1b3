using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Emulator.Spec;

/// <summary>What the emulator does for an operation, inferred from its path and method.</summary>
internal enum OperationKind
{
    /// <summary><c>GET /things</c>.</summary>
    List,

    /// <summary><c>POST /things</c>.</summary>
    Create,

    /// <summary><c>GET /things/{id}</c>.</summary>
    Retrieve,

    /// <summary><c>PATCH /things/{id}</c>: a merge.</summary>
    Update,

    /// <summary><c>PUT /things/{id}</c>: a replacement.</summary>
    Replace,

    /// <summary><c>DELETE /things/{id}</c>.</summary>
    Delete,

    /// <summary>Anything else: answered with data valid for its response schema (after checking the item exists, under an item path).</summary>
    Other,
}

/// <summary>One operation of the spec.</summary>
internal sealed class Operation
{
    public required string Method { get; init; }

    public required string PathTemplate { get; init; }

    public required string[] Segments { get; init; }

    public required JsonObject Node { get; init; }

    public required IReadOnlyList<JsonObject> Parameters { get; init; }

    public OperationKind Kind { get; set; } = OperationKind.Other;

    /// <summary>The resource this operation works on; for <see cref="OperationKind.Other"/> under an item path, the item's resource.</summary>
    public Resource? Resource { get; set; }

    public string? Id => Schemas.String(Node, "operationId");

    /// <summary>Whether the spec's security applies (the operation's own, else the document's) and asks for credentials.</summary>
    public bool NeedsCredentials { get; set; }

    /// <summary>Cached by the emulator: the success response (<see cref="SuccessKnown"/> says whether it was looked up).</summary>
    public ResponseShape? Success { get; set; }

    public bool SuccessKnown { get; set; }

    /// <summary>Cached by the emulator: how this operation's success response carries one item.</summary>
    public Envelope? Envelope { get; set; }

    /// <summary>Cached by the emulator: the success response's sequential media types (lower case) and their media objects.</summary>
    public (string Type, JsonNode? Media)[]? SequentialMedia { get; set; }

    /// <summary>How many segments are parameters; literal segments win when routing.</summary>
    public int ParameterCount => Segments.Count(IsParameterSegment);

    private static bool IsParameterSegment(string segment) => ApiModel.IsParameter(segment);
}

/// <summary>A collection (<c>/things</c>) and its items (<c>/things/{id}</c>), as the spec's paths and schemas describe them.</summary>
internal sealed class Resource
{
    public required string CollectionPath { get; init; }

    public string? ItemPath { get; set; }

    /// <summary>The item path's last parameter, such as <c>id</c>.</summary>
    public string? ItemParameter { get; set; }

    public JsonNode? ItemSchema { get; set; }

    /// <summary>The member of an item that holds its id (<c>id</c> unless the path parameter names another member).</summary>
    public string IdProperty { get; set; } = "id";

    public IdKind IdKind { get; set; } = IdKind.Uuid;

    /// <summary>For numeric-string ids: how many digits (from the spec's example).</summary>
    public int IdDigits { get; set; } = 19;

    public Operation? List { get; set; }

    public Operation? Create { get; set; }

    public Operation? Retrieve { get; set; }
}

/// <summary>How the emulator makes new ids for a collection.</summary>
internal enum IdKind
{
    /// <summary>A UUID string (<c>format: uuid</c>, or an example that is one).</summary>
    Uuid,

    /// <summary>A string of digits, as in the example (<c>"1293384261075731499"</c>).</summary>
    NumericString,

    /// <summary><c>type: integer</c>: 1, 2, 3…</summary>
    Integer,
}

/// <summary>The operations and resources of a spec.</summary>
internal sealed class ApiModel
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];

    private ApiModel(Schemas schemas, string basePath, List<Operation> operations, List<Resource> resources)
    {
        Schemas = schemas;
        BasePath = basePath;
        Operations = operations;
        Resources = resources;
    }

    public Schemas Schemas { get; }

    /// <summary>The path of the spec's first server URL (<c>/v2</c>), which requests may carry or omit.</summary>
    public string BasePath { get; }

    public IReadOnlyList<Operation> Operations { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public static ApiModel Build(JsonObject root)
    {
        var schemas = new Schemas(root);
        string basePath = "";
        if (root["servers"] is JsonArray servers && Schemas.String(servers.FirstOrDefault(), "url") is { } template)
        {
            // Variables take their defaults, as the generated client's base URL does.
            JsonObject? variables = servers[0]?["variables"] as JsonObject;
            // A default is any scalar, as the generator reads it (`default: 2` is a number once the YAML is JSON).
            string url = ServerUrlTemplate.Fill(template,
                name => variables?[name]?["default"] is JsonValue value && Json.Kind(value) != System.Text.Json.JsonValueKind.Null ? Json.Text(value) : null,
                out _);
            string path = Uri.TryCreate(url, UriKind.Absolute, out Uri? absolute) ? absolute.AbsolutePath : url;
            basePath = path.Contains('{') ? "" : path.TrimEnd('/');
        }

        bool documentSecurity = HasSecurity(root["security"]);
        var operations = new List<Operation>();
        if (root["paths"] is JsonObject paths)
        {
            foreach (KeyValuePair<string, JsonNode?> path in paths)
            {
                if (schemas.Resolve(path.Value) is not JsonObject item)
                {
                    continue;
                }

                foreach (string method in Methods)
                {
                    if (item[method] is not JsonObject node)
                    {
                        continue;
                    }

                    operations.Add(new Operation
                    {
                        Method = method.ToUpperInvariant(),
                        PathTemplate = path.Key,
                        Segments = Split(path.Key),
                        Node = node,
                        Parameters = MergeParameters(schemas, item["parameters"], node["parameters"]),
                        NeedsCredentials = node.ContainsKey("security") ? HasSecurity(node["security"]) : documentSecurity,
                    });
                }
            }
        }

        return new ApiModel(schemas, basePath, operations, InferResources(schemas, operations));
    }

    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    private static bool HasSecurity(JsonNode? security) =>
        security is JsonArray requirements && requirements.Count > 0 && requirements.All(r => r is JsonObject { Count: > 0 });

    private static List<JsonObject> MergeParameters(Schemas schemas, JsonNode? pathLevel, JsonNode? operationLevel)
    {
        var result = new List<JsonObject>();
        foreach (JsonNode? list in new[] { operationLevel, pathLevel })
        {
            foreach (JsonNode? entry in list as JsonArray ?? [])
            {
                if (schemas.Resolve(entry) is { } parameter &&
                    !result.Any(p => Schemas.String(p, "name") == Schemas.String(parameter, "name") && Schemas.String(p, "in") == Schemas.String(parameter, "in")))
                {
                    result.Add(parameter);
                }
            }
        }

        return result;
    }

    private static List<Resource> InferResources(Schemas schemas, List<Operation> operations)
    {
        var resources = new List<Resource>();
        foreach (IGrouping<string, Operation> collection in operations
                     .Where(o => o.Segments.Length > 0 && !IsParameter(o.Segments[^1]))
                     .GroupBy(o => o.PathTemplate, StringComparer.Ordinal))
        {
            Operation? list = collection.FirstOrDefault(o => o.Method == "GET");
            Operation? create = collection.FirstOrDefault(o => o.Method == "POST");
            string prefix = collection.Key.TrimEnd('/') + "/";
            List<Operation> itemOperations = operations
                .Where(o => o.PathTemplate.StartsWith(prefix, StringComparison.Ordinal) && o.Segments.Length == collection.First().Segments.Length + 1 && IsParameter(o.Segments[^1]))
                .ToList();
            bool listsItems = list is not null && ListShape.From(schemas, list) is not null;
            if (!listsItems && (create is null || itemOperations.Count == 0))
            {
                continue; // Not a collection: an action or a singleton, answered from its schema.
            }

            var resource = new Resource { CollectionPath = collection.Key };
            if (listsItems)
            {
                list!.Kind = OperationKind.List;
                list.Resource = resource;
                resource.List = list;
            }

            if (create is not null)
            {
                create.Kind = OperationKind.Create;
                create.Resource = resource;
                resource.Create = create;
            }

            foreach (Operation operation in itemOperations)
            {
                resource.ItemPath ??= operation.PathTemplate;
                resource.ItemParameter ??= operation.Segments[^1][1..^1];
                operation.Resource = resource;
                operation.Kind = operation.Method switch
                {
                    "GET" => OperationKind.Retrieve,
                    "PATCH" => OperationKind.Update,
                    "PUT" => OperationKind.Replace,
                    "DELETE" => OperationKind.Delete,
                    _ => OperationKind.Other,
                };
                if (operation.Kind == OperationKind.Retrieve)
                {
                    resource.Retrieve = operation;
                }
            }

            resources.Add(resource);
        }

        // The item schema: what one item's GET answers, else what create, update or list answer.
        foreach (Resource resource in resources)
        {
            IEnumerable<Operation> sources = new[] { resource.Retrieve, resource.Create }
                .Concat(operations.Where(o => o.Resource == resource && o.Kind is OperationKind.Update or OperationKind.Replace))
                .Where(o => o is not null)!;
            foreach (Operation source in sources)
            {
                if (ResponseShape.Success(schemas, source) is { Schema: { } schema } && Envelope.From(schemas, schema, resource) is { } envelope)
                {
                    resource.ItemSchema = envelope.ItemSchema;
                    break;
                }
            }

            if (resource.ItemSchema is null && resource.List is not null && ListShape.From(schemas, resource.List) is { } shape)
            {
                resource.ItemSchema = shape.ItemSchema;
            }

            DecideId(schemas, resource, operations);
        }

        // Operations below an item path (actions) belong to that item.
        foreach (Operation operation in operations.Where(o => o.Kind == OperationKind.Other && o.Resource is null))
        {
            operation.Resource = resources
                .Where(r => r.ItemPath is not null && operation.PathTemplate.StartsWith(r.ItemPath + "/", StringComparison.Ordinal))
                .OrderByDescending(r => r.ItemPath!.Length)
                .FirstOrDefault();
        }

        return resources;
    }

    private static void DecideId(Schemas schemas, Resource resource, List<Operation> operations)
    {
        if (resource.ItemParameter is { } parameter && schemas.Property(resource.ItemSchema, parameter) is not null)
        {
            resource.IdProperty = parameter;
        }

        // The path parameter's schema and the id member's schema both describe the id; a format or type in either decides.
        JsonObject?[] idSchemas =
        [
            schemas.Resolve(operations.Where(o => o.Resource == resource && o.PathTemplate == resource.ItemPath)
                .SelectMany(o => o.Parameters)
                .FirstOrDefault(p => Schemas.String(p, "in") == "path" && Schemas.String(p, "name") == resource.ItemParameter)?["schema"]),
            schemas.Resolve(schemas.Property(resource.ItemSchema, resource.IdProperty)),
        ];
        string? example = idSchemas.Select(s => Json.AsString(s?["example"]) ?? Json.AsString((s?["examples"] as JsonArray)?.FirstOrDefault())).FirstOrDefault(e => e is not null);
        if (idSchemas.Any(s => s is not null && schemas.Types(s).Contains("integer")))
        {
            resource.IdKind = IdKind.Integer;
        }
        else if (idSchemas.Any(s => Schemas.String(s, "format") == "uuid") || (example is not null && Guid.TryParseExact(example, "D", out _)))
        {
            resource.IdKind = IdKind.Uuid;
        }
        else if (example is { Length: > 0 and < 40 } && example.All(char.IsAsciiDigit))
        {
            resource.IdKind = IdKind.NumericString;
            resource.IdDigits = example.Length;
        }
    }
}

/// <summary>The success response of an operation: its status and JSON schema.</summary>
internal sealed record ResponseShape(int Status, JsonObject Response, JsonNode? Schema, JsonObject? MediaType)
{
    public static ResponseShape? Success(Schemas schemas, Operation operation) => Find(schemas, operation, status => status is >= 200 and < 300);

    public static ResponseShape? Find(Schemas schemas, Operation operation, Func<int, bool> wanted)
    {
        if (operation.Node["responses"] is not JsonObject responses)
        {
            return null;
        }

        foreach (KeyValuePair<string, JsonNode?> entry in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (int.TryParse(entry.Key, out int status) && wanted(status) && schemas.Resolve(entry.Value) is { } response)
            {
                JsonObject? media = JsonMedia(schemas, response);
                return new ResponseShape(status, response, media?["schema"], media);
            }
        }

        return null;
    }

    /// <summary>The <c>application/json</c> (or <c>+json</c>) media type of a response or request body.</summary>
    public static JsonObject? JsonMedia(Schemas schemas, JsonObject holder)
    {
        if (holder["content"] is not JsonObject content)
        {
            return null;
        }

        foreach (KeyValuePair<string, JsonNode?> media in content)
        {
            string type = media.Key.Split(';')[0].Trim();
            if (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal) || type == "*/*")
            {
                return schemas.Resolve(media.Value);
            }
        }

        return null;
    }
}

/// <summary>How one item travels in a response: bare, or inside a member (<c>{"data": …}</c>).</summary>
internal sealed record Envelope(string? Member, JsonNode? ItemSchema)
{
    /// <summary>
    /// The item schema is the one with the id member; a response schema without it whose one object member has it
    /// (or, when no id is known, whose only member is an object) is an envelope.
    /// </summary>
    public static Envelope? From(Schemas schemas, JsonNode schema, Resource resource)
    {
        string id = resource.ItemParameter is { } parameter && schemas.Property(schema, parameter) is not null ? parameter : resource.IdProperty;
        if (schemas.Property(schema, id) is not null)
        {
            return new Envelope(null, schema);
        }

        IReadOnlyList<KeyValuePair<string, JsonNode?>> properties = schemas.Properties(schema);
        foreach (KeyValuePair<string, JsonNode?> member in properties)
        {
            JsonObject? inner = schemas.Resolve(member.Value);
            if (inner is not null && schemas.Types(inner).Contains("object") && schemas.Property(inner, id) is not null)
            {
                return new Envelope(member.Key, member.Value);
            }
        }

        if (properties.Count == 1 && schemas.Resolve(properties[0].Value) is { } only && schemas.Types(only).Contains("object"))
        {
            return new Envelope(properties[0].Key, properties[0].Value);
        }

        return schemas.Types(schemas.Resolve(schema) ?? new JsonObject()).Contains("object") ? new Envelope(null, schema) : null;
    }

    /// <summary>The item itself, without an envelope.</summary>
    public static Envelope Bare { get; } = new(null, null);

    public JsonNode Wrap(JsonObject item) => Member is null ? item : new JsonObject { [Member] = item };
}

/// <summary>How a list travels: a bare array, or an object with the items in one array member and paging numbers beside it.</summary>
internal sealed record ListShape(string? ItemsMember, JsonNode? ItemSchema, JsonNode ResponseSchema)
{
    public static ListShape? From(Schemas schemas, Operation list)
    {
        if (ResponseShape.Success(schemas, list) is not { Schema: { } schema } || schemas.Resolve(schema) is not { } resolved)
        {
            return null;
        }

        if (schemas.Types(resolved).Contains("array"))
        {
            return new ListShape(null, resolved["items"], schema);
        }

        foreach (KeyValuePair<string, JsonNode?> member in schemas.Properties(resolved))
        {
            if (schemas.Resolve(member.Value) is { } inner && schemas.Types(inner).Contains("array") &&
                schemas.Types(schemas.Resolve(inner["items"]) ?? new JsonObject()).Contains("object"))
            {
                return new ListShape(member.Key, inner["items"], schema);
            }
        }

        return null;
    }
}
