using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>Operations to methods: which resource, which method name, path and header parameters, request bodies and responses.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <param name="Method">The method in lower case, for the naming rules (<c>get</c>, <c>query</c>, <c>purge</c>).</param>
    /// <param name="NamedBySpec">Whether <paramref name="OperationId"/> is the spec's own (else it is made from the method and path).</param>
    /// <param name="WireMethod">The method as sent: upper case for the fixed ones, as written for an additional operation.</param>
    private sealed record RawOperation(string Path, string Method, SpecMap Node, SpecNode PathItem, string OperationId, bool NamedBySpec, string WireMethod);

    private List<RawOperation> CollectOperations()
    {
        var result = new List<RawOperation>();
        string[] tags = Split(_input.IncludeTags);
        string[] prefixes = Split(_input.IncludePaths);
        foreach (var path in SpecDocument.Members(SpecDocument.Get(_document.Root, "paths")))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            bool pathIncluded = prefixes.Any(prefix => path.Key.StartsWith(prefix, StringComparison.Ordinal));
            SpecNode pathItem = Deref(path.Value) ?? path.Value;
            foreach (var member in SpecDocument.Members(pathItem))
            {
                string method = member.Key.ToLowerInvariant();
                if (member.Key == "additionalOperations" && _openApi32)
                {
                    foreach (var additional in SpecDocument.Members(member.Value))
                    {
                        if (AdditionalOperationProblem(additional.Key) is { } problem)
                        {
                            Report(DiagnosticDescriptors.InvalidAdditionalOperation, additional.Value, additional.Key, path.Key, problem);
                            continue;
                        }

                        Collect(path.Key, pathIncluded, pathItem, additional.Key.ToLowerInvariant(), additional.Key, additional.Value);
                    }

                    continue;
                }

                if (Array.IndexOf(HttpMethods, method) < 0 || (method == "query" && !_openApi32))
                {
                    continue;
                }

                Collect(path.Key, pathIncluded, pathItem, method, method.ToUpperInvariant(), member.Value);
            }
        }

        return result;

        void Collect(string path, bool pathIncluded, SpecNode pathItem, string method, string wireMethod, SpecNode node)
        {
            if (node is not SpecMap operation)
            {
                Report(DiagnosticDescriptors.InvalidNode, node, $"The {wireMethod} operation of '{path}' is not a mapping");
                return;
            }

            if ((tags.Length > 0 || prefixes.Length > 0) && !pathIncluded &&
                !(SpecDocument.GetSequence(operation, "tags")?.Children.Any(t => tags.Contains(SpecDocument.ScalarText(t))) ?? false))
            {
                return;
            }

            string? declaredId = SpecDocument.GetString(operation, "operationId");
            string operationId = declaredId ?? Naming.Identifier(method + " " + path);
            result.Add(new RawOperation(path, method, operation, pathItem, operationId, declaredId is not null && Naming.Identifier(declaredId) != "Empty", wireMethod));
        }
    }

    /// <summary>
    /// Why an <c>additionalOperations</c> key cannot be sent as a method: it is not an HTTP token (RFC 9110), or it is one
    /// of the methods the path item names with a fixed field (OpenAPI 3.2 forbids those here); null when it can.
    /// </summary>
    private static string? AdditionalOperationProblem(string method)
    {
        if (method.Length == 0 || method.Length > 64 || method.Any(c => !(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9') && "!#$%&'*+-.^_`|~".IndexOf(c) < 0))
        {
            return "an HTTP method is a token of letters, digits and !#$%&'*+-.^_`|~ (RFC 9110)";
        }

        return Array.IndexOf(HttpMethods, method.ToLowerInvariant()) >= 0 || method.Equals("trace", StringComparison.OrdinalIgnoreCase)
            ? $"{method.ToUpperInvariant()} has a fixed field of its own ('{method.ToLowerInvariant()}'), which OpenAPI 3.2 requires instead"
            : null;
    }

    private static string[] Split(string? list) => MetadataList.Split(list);

    private void BuildOperation(RawOperation raw, ResourceNode root)
    {
        string? chosenName = OverrideName(raw.Node, $"the operation '{raw.OperationId}'");
        string operationName = chosenName ?? Naming.Identifier(raw.OperationId);
        string[] segments = raw.Path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<PathPart>();
        var literalChain = new List<string>();
        bool endsWithParameter = segments.Length > 0 && IsParameterSegment(segments[segments.Length - 1]);
        string? action = null;
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (IsParameterSegment(segment))
            {
                parts.Add(new PathPart(segment.Substring(1, segment.Length - 2), true));
                continue;
            }

            parts.Add(new PathPart(segment, false));
            bool isLast = i == segments.Length - 1;
            bool followsLiteral = i > 0 && !IsParameterSegment(segments[i - 1]);
            bool isAction = isLast && raw.Method == "post" && followsLiteral && i >= 2 &&
                            (segments[i - 1] == "actions" || IsParameterSegment(segments[i - 2]));
            if (isAction)
            {
                action = segment;
            }
            else
            {
                literalChain.Add(segment);
            }
        }

        // A last literal segment that starts with the operationId's verb names an action on its parent resource
        // (/pet/{petId}/uploadImage with uploadFile, /pets/findByStatus with findPetsByStatus), not a sub-resource.
        if (action is null && raw.NamedBySpec && !endsWithParameter && literalChain.Count >= 2 &&
            SameWord(FirstWord(Naming.Identifier(literalChain[literalChain.Count - 1])), FirstWord(Naming.Identifier(raw.OperationId))))
        {
            action = literalChain[literalChain.Count - 1];
            literalChain.RemoveAt(literalChain.Count - 1);
        }

        var parameters = MergedParameters(raw);

        var pathParameters = new List<ParameterSpec>();
        foreach (PathPart part in parts.Where(p => p.IsParameter))
        {
            SpecNode? declared = parameters.Where(p => p.In == "path" && p.Name == part.Text).Select(p => p.Node).FirstOrDefault();
            TypeRef type = declared is null ? TypeRef.String : ResolveType(SpecDocument.Get(declared, "schema"), operationName + Naming.Identifier(part.Text));
            // An array (style simple, the only style a path allows besides label and matrix) is sent comma-separated.
            bool scalarList = type.Kind == TypeKind.List && type.Element!.Kind is TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Enum;
            if (type.Kind is not (TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Enum) && !scalarList)
            {
                type = TypeRef.String;
            }

            string? chosen = OverrideName(declared, $"the parameter '{part.Text}' of '{raw.OperationId}'");
            pathParameters.Add(new ParameterSpec(part.Text, UniqueParameterName(part.Text, pathParameters, chosen), type, Doc(declared)));
        }

        var headerParameters = new List<ParameterSpec>();
        foreach (var header in parameters.Where(p => p.In is "header"))
        {
            // Sent as text; the names of path parameters are taken already.
            string? chosen = OverrideName(header.Node, $"the parameter '{header.Name}' of '{raw.OperationId}'");
            string name = UniqueParameterName(header.Name, pathParameters.Concat(headerParameters).ToList(), chosen);
            headerParameters.Add(new ParameterSpec(header.Name, name, TypeRef.String, Doc(header.Node, SpecDocument.Get(header.Node, "schema"))));
        }

        foreach (var cookie in parameters.Where(p => p.In is "cookie"))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, cookie.Node,
                $"The cookie parameter '{cookie.Name}' of '{raw.OperationId}' is not generated", "set the Cookie header through RequestOptions.Headers");
        }

        var queryParameters = parameters.Where(p => p.In == "query").ToList();
        (ParameterSpec? queryString, bool queryStringRequired) = BuildQueryString(raw, operationName,
            parameters.Where(p => p.In == "querystring").ToList(), queryParameters.Count > 0, pathParameters.Concat(headerParameters).ToList());
        string? queryClass = null;
        string? pageKey = null;
        string? pageAccess = null;
        if (queryParameters.Count > 0)
        {
            // Named after the operation, as its method is; a made-up name, so it yields to the spec's own.
            queryClass = ReserveMadeUpName(operationName + "Params", () => raw.Method + " " + raw.Path);
            (pageKey, pageAccess) = BuildQueryModel(queryClass, queryParameters, SpecDocument.GetString(raw.Node, "summary"));
        }

        // Request body: JSON as a model; multipart, form and binary bodies through the runtime's body types.
        TypeRef? body = null;
        bool bodyRequired = false;
        BodyKind bodyKind = BodyKind.None;
        string? bodyMediaType = null;
        if (Deref(SpecDocument.Get(raw.Node, "requestBody")) is { } requestBody)
        {
            bodyRequired = SpecDocument.GetBool(requestBody, "required");
            SpecNode? content = SpecDocument.Get(requestBody, "content");
            SpecNode? json = JsonMedia(content);
            if (json is not null)
            {
                body = ResolveType(SpecDocument.Get(json, "schema"), PreferredMadeUpName(operationName + "Request", operationName + "RequestBody"));
                bodyKind = BodyKind.Json;
            }
            else if (SpecDocument.Members(content).FirstOrDefault() is { Key: { } mediaType })
            {
                string media = mediaType.ToLowerInvariant();
                (bodyKind, body) = media.StartsWith("multipart/", StringComparison.Ordinal)
                    ? (BodyKind.Multipart, new TypeRef(TypeKind.Model, "global::Telnyx.Sip.Runtime.MultipartBody"))
                    : media == "application/x-www-form-urlencoded"
                        ? (BodyKind.Form, new TypeRef(TypeKind.Model, "global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>"))
                        : (BodyKind.Binary, new TypeRef(TypeKind.Model, "global::System.IO.Stream"));
                bodyMediaType = media.Contains("*") ? "application/octet-stream" : mediaType;
            }
        }

        (ResponseKind responseKind, TypeRef? responseType, SequentialMedia? sequential) = BuildResponse(raw, operationName);
        if (responseKind == ResponseKind.Page && (pageKey is null || raw.Method != "get"))
        {
            // A data array without page-number paging: return the whole list.
            responseKind = ResponseKind.Data;
            responseType = new TypeRef(TypeKind.List, $"global::System.Collections.Generic.IReadOnlyList<{responseType!.Name}>", responseType);
        }

        bool isList = responseKind == ResponseKind.Page || responseType?.Kind == TypeKind.List;
        string conventional = (raw.Method, endsWithParameter) switch
        {
            ("get", false) => isList ? "List" : "Retrieve",
            ("get", true) => "Retrieve",
            ("post", _) => "Create",
            ("patch", _) => "Update",
            ("put", _) => SpecDocument.Get(raw.PathItem, "patch") is null ? "Update" : "Replace",
            ("delete", _) => "Delete",
            _ => Naming.Identifier(raw.Method),
        };

        ResourceNode resource = root;
        var chain = literalChain;
        if (GroupingTag(raw.Node) is { } tag)
        {
            // A 3.2 tag hierarchy groups the operation: client.Parent.Child, whatever its path.
            foreach (string name in tag.Chain)
            {
                resource = resource.Child(Naming.Identifier(name));
                resource.Doc ??= _tagHierarchy[name].Doc;
            }

            chain = literalChain.Concat(tag.Chain).ToList();
        }
        else
        {
            foreach (string literal in literalChain)
            {
                resource = resource.Child(Naming.Identifier(literal));
            }
        }

        string methodName = chosenName
                            ?? (raw.NamedBySpec
                                ? MethodName(raw, chain, parts, conventional, endsWithParameter, isList)
                                : action is not null ? Naming.Identifier(action) : conventional);
        if (resource.MethodNames.Contains(methodName))
        {
            string taken = methodName;
            methodName = chosenName is null && !resource.MethodNames.Contains(operationName) ? operationName : methodName + "_" + Naming.ShortHash(raw.Method + " " + raw.Path);
            if (chosenName is not null)
            {
                Report(DiagnosticDescriptors.NameCollision, SpecDocument.Get(raw.Node, NameExtension), chosenName, taken, methodName);
            }
        }

        resource.MethodNames.Add(methodName);
        ItemStreamSpec? itemStream = null;
        if (sequential is { Item: { } itemType })
        {
            // Beside a JSON method the items get a method of their own, {Name}StreamAsync.
            string streamName = responseKind == ResponseKind.Items ? methodName : methodName + "Stream";
            if (responseKind != ResponseKind.Items && resource.MethodNames.Contains(streamName))
            {
                streamName += "_" + Naming.ShortHash(raw.Method + " " + raw.Path);
            }

            resource.MethodNames.Add(streamName);
            itemStream = new ItemStreamSpec(streamName, sequential.MediaType, sequential.Format, itemType, sequential.EventTypes);
        }

        var operation = new OperationSpec
        {
            OperationId = raw.OperationId,
            MethodName = methodName,
            HttpMethod = raw.WireMethod,
            PathTemplate = raw.Path,
            Path = parts.ToEquatableArray(),
            PathParameters = pathParameters.ToEquatableArray(),
            HeaderParameters = headerParameters.ToEquatableArray(),
            QueryClass = queryClass,
            QueryString = queryString,
            QueryStringRequired = queryStringRequired,
            PageNumberKey = responseKind == ResponseKind.Page ? pageKey : null,
            PageNumberAccess = responseKind == ResponseKind.Page ? pageAccess : null,
            Body = body,
            BodyRequired = bodyRequired,
            BodyKind = bodyKind,
            BodyMediaType = bodyMediaType,
            ResponseKind = responseKind,
            ResponseType = responseType,
            ItemStream = itemStream,
            ErrorResponses = BuildErrorResponses(raw, operationName),
            Doc = OperationDoc(raw.Node),
            Deprecated = SpecDocument.GetBool(raw.Node, "deprecated"),
        };
        resource.Operations.Add(operation);
    }

    /// <summary>The operation's parameters: path-level first, then the operation's own, which override by name and location.</summary>
    private List<(string Name, string In, SpecNode Node, string? RefName)> MergedParameters(RawOperation raw)
    {
        var parameters = new List<(string Name, string In, SpecNode Node, string? RefName)>();
        foreach (SpecNode? source in new[] { SpecDocument.Get(raw.PathItem, "parameters"), SpecDocument.Get(raw.Node, "parameters") })
        {
            if (source is not SpecSequence list)
            {
                continue;
            }

            foreach (SpecNode item in list.Children)
            {
                SpecNode? parameter = Deref(item);
                string? name = SpecDocument.GetString(parameter, "name");
                string? location = SpecDocument.GetString(parameter, "in");
                if (parameter is null || name is null || location is null)
                {
                    if (parameter is not null)
                    {
                        Report(DiagnosticDescriptors.InvalidNode, item, $"A parameter of '{raw.OperationId}' lacks 'name' or 'in'");
                    }

                    continue;
                }

                parameters.RemoveAll(p => p.Name == name && p.In == location);
                parameters.Add((name, location, parameter, ReferenceName(item)));
            }
        }

        return parameters;
    }

    /// <summary>
    /// The OpenAPI 3.2 <c>in: querystring</c> parameter: one object for the whole query string, described by its
    /// <c>content</c>. Form-encoded objects become a query model; anything else, a second one, or one beside
    /// <c>in: query</c> parameters (which 3.2 forbids) is reported (TSG018) and not generated.
    /// </summary>
    private (ParameterSpec? Parameter, bool Required) BuildQueryString(RawOperation raw, string operationName,
        List<(string Name, string In, SpecNode Node, string? RefName)> declared, bool hasQueryParameters, List<ParameterSpec> taken)
    {
        ParameterSpec? result = null;
        bool required = false;
        foreach (var parameter in declared)
        {
            if (!_openApi32)
            {
                Report(DiagnosticDescriptors.InvalidQueryString, parameter.Node, parameter.Name, raw.OperationId, "'in: querystring' is OpenAPI 3.2; declare 'openapi: 3.2.0'");
                continue;
            }

            if (result is not null || hasQueryParameters)
            {
                Report(DiagnosticDescriptors.InvalidQueryString, parameter.Node, parameter.Name, raw.OperationId,
                    "an operation with a querystring parameter may have no other query or querystring parameter (OpenAPI 3.2)");
                continue;
            }

            var media = SpecDocument.Members(SpecDocument.Get(parameter.Node, "content")).FirstOrDefault();
            SpecNode? schema = Deref(SpecDocument.Get(Deref(media.Value), "schema"));
            if (media.Key is null || !media.Key.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                Report(DiagnosticDescriptors.InvalidQueryString, SpecDocument.Get(parameter.Node, "content") ?? parameter.Node, parameter.Name, raw.OperationId,
                    media.Key is null ? "it has no 'content'" : $"its media type '{media.Key}' is not read yet (only application/x-www-form-urlencoded)");
                continue;
            }

            if (!IsObjectSchema(schema) || SpecDocument.Get(schema, "properties") is null)
            {
                Report(DiagnosticDescriptors.InvalidQueryString, SpecDocument.Get(media.Value, "schema") ?? media.Value, parameter.Name, raw.OperationId,
                    "its schema is not an object with properties");
                continue;
            }

            string? chosen = OverrideName(parameter.Node, $"the parameter '{parameter.Name}' of '{raw.OperationId}'");
            TypeRef type = BuildQueryObject(operationName + "QueryString", schema, Doc(parameter.Node, schema));
            DocSpec doc = Doc(parameter.Node, schema);
            if (!doc.Remarks.Any(r => r.StartsWith("Example", StringComparison.Ordinal)) && FirstExample(Deref(media.Value) ?? media.Value) is { } example)
            {
                // The examples of a querystring are on its media type.
                doc = doc with { Remarks = doc.Remarks.Concat(new[] { $"Example: `{example.Data}`." }).ToEquatableArray() };
            }

            result = new ParameterSpec(parameter.Name, UniqueParameterName(parameter.Name, taken, chosen), type, doc);
            required = SpecDocument.GetBool(parameter.Node, "required");
        }

        return (result, required);
    }

    private static bool IsParameterSegment(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    /// <summary>A method parameter's name: its <c>x-csharp-name</c> (<paramref name="chosen"/>), else camelCase from the wire name.</summary>
    private static string UniqueParameterName(string wireName, List<ParameterSpec> existing, string? chosen = null)
    {
        string name = chosen ?? Naming.Parameter(wireName);
        if (name is "body" or "parameters" or "options" or "cancellationToken" or "request")
        {
            name += "Value"; // the generated method's own parameters and locals
        }

        return existing.Any(p => p.Name == name) ? name + "_" + Naming.ShortHash(wireName) : name;
    }

    /// <summary>The JSON media type object of a <c>content</c> map, through a <c>$ref</c> (OpenAPI 3.2 <c>components/mediaTypes</c>).</summary>
    private SpecNode? JsonMedia(SpecNode? content)
    {
        foreach (var media in SpecDocument.Members(content))
        {
            string type = media.Key.ToLowerInvariant();
            if (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal) || type.StartsWith("application/json;", StringComparison.Ordinal))
            {
                return Deref(media.Value) ?? media.Value;
            }
        }

        return null;
    }

    private (ResponseKind Kind, TypeRef? Type, SequentialMedia? Sequential) BuildResponse(RawOperation raw, string operationName)
    {
        (ResponseKind kind, TypeRef? type, SpecNode? content) = BuildJsonResponse(raw, operationName);
        SequentialMedia? sequential = content is null ? null : ReadSequentialMedia(content, raw, operationName);
        // Only items: the method returns them. Beside a body of another type (audio, say) the body keeps the method.
        if (kind == ResponseKind.Stream && sequential?.Item is { } item && SpecDocument.Members(content).All(m => StreamFormat(m.Key) is not null))
        {
            return (ResponseKind.Items, item, sequential);
        }

        return (kind, type, sequential);
    }

    private (ResponseKind Kind, TypeRef? Type, SpecNode? Content) BuildJsonResponse(RawOperation raw, string operationName)
    {
        SpecNode? responses = SpecDocument.Get(raw.Node, "responses");
        var success = SpecDocument.Members(responses)
            .Where(r => r.Key.StartsWith("2", StringComparison.Ordinal))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        SpecNode? response = Deref(success.Value);
        if (response is null)
        {
            return (ResponseKind.None, null, null);
        }

        SpecNode? content = SpecDocument.Get(response, "content");
        SpecNode? json = JsonMedia(content);
        if (json is null && SpecDocument.Members(content).Count > 0)
        {
            return (ResponseKind.Stream, null, content);
        }

        SpecNode? schema = Deref(SpecDocument.Get(json, "schema"));
        if (schema is null)
        {
            return (ResponseKind.None, null, content);
        }

        // The {data: X} envelope, and the {data: [X], meta} page.
        SpecNode? properties = SpecDocument.Get(schema, "properties");
        var names = SpecDocument.Members(properties).Select(m => m.Key).ToList();
        if (names.Contains("data") && names.All(n => n is "data" or "meta" or "url"))
        {
            SpecNode? data = Deref(SpecDocument.Get(properties, "data"));
            if (IsArraySchema(data) && names.Contains("meta"))
            {
                TypeRef item = ResolveType(SpecDocument.Get(data, "items"), operationName + "Item");
                return (ResponseKind.Page, item, content);
            }

            return (ResponseKind.Data, ResolveType(SpecDocument.Get(properties, "data"), operationName + "Result"), content);
        }

        return (ResponseKind.Body, ResolveType(SpecDocument.Get(json, "schema"), PreferredMadeUpName(operationName + "Response", operationName + "ResponseBody")), content);
    }

    private static bool IsArraySchema(SpecNode? schema) =>
        SpecDocument.Get(schema, "items") is not null || Types(schema).Contains("array");

    private DocSpec OperationDoc(SpecNode operation)
    {
        string? summary = Text(operation, "summary");
        string? description = Text(operation, "description");
        var remarks = new List<string>();
        if (summary is null)
        {
            summary = description;
        }
        else if (description is not null && !string.Equals(Trim(description), Trim(summary), StringComparison.OrdinalIgnoreCase))
        {
            remarks.Add(description);
        }

        return new DocSpec(summary, remarks.ToEquatableArray());

        static string Trim(string text) => text.Trim().TrimEnd('.');
    }

    private sealed class ResourceNode(string propertyName, string classPrefix)
    {
        public string PropertyName { get; } = propertyName;
        public string ClassPrefix { get; } = classPrefix;
        public List<ResourceNode> Children { get; } = new();
        public List<OperationSpec> Operations { get; } = new();
        public HashSet<string> MethodNames { get; } = new(StringComparer.Ordinal);

        /// <summary>The docs of the tag that makes this resource (OpenAPI 3.2 tag nesting); null for a resource made from a path.</summary>
        public DocSpec? Doc { get; set; }

        public ResourceNode Child(string name)
        {
            ResourceNode? child = Children.FirstOrDefault(c => c.PropertyName == name);
            if (child is null)
            {
                child = new ResourceNode(name, ClassPrefix + name);
                Children.Add(child);
            }

            return child;
        }

        /// <summary>Names the classes: <c>{Chain}Client</c>, or <c>{Chain}ResourceClient</c> when a model or the root client has that name.</summary>
        public ResourceSpec ToSpec(Func<string, bool> tryReserve, Func<string, string> reserve) => new()
        {
            PropertyName = PropertyName,
            ClassName = tryReserve(ClassPrefix + "Client") ? ClassPrefix + "Client" : reserve(ClassPrefix + "ResourceClient"),
            Operations = Operations.ToEquatableArray(),
            Children = Children.Select(c => c.ToSpec(tryReserve, reserve)).ToEquatableArray(),
            Doc = Doc ?? DocSpec.None,
        };
    }
}
