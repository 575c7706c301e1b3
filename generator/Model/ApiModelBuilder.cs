using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>The outcome of reading one spec: the model (null when the spec is unusable) and the diagnostics.</summary>
internal sealed record BuildResult(ApiSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Builds the <see cref="ApiSpec"/> from a parsed spec. This is the one place where C# names are decided.
/// Nothing here knows a particular API: resources come from path segments, method names from HTTP methods,
/// and the <c>{data, meta}</c> envelope and page-number paging are recognised by their shapes.
/// </summary>
internal sealed class ApiModelBuilder
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private readonly SpecInput _input;
    private readonly SpecDocument _document;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<ModelSpec> _models = new();
    private readonly List<EnumSpec> _enums = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<SpecNode, TypeRef> _namedTypes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SpecNode> _requestSchemas = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SpecNode> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _reportedReferences = new(StringComparer.Ordinal);
    private string _namespace = "";

    private ApiModelBuilder(SpecInput input, SpecDocument document, CancellationToken cancellationToken)
    {
        _input = input;
        _document = document;
        _cancellationToken = cancellationToken;
    }

    public static BuildResult Build(SpecInput input, CancellationToken cancellationToken)
    {
        SpecDocument? document = SpecDocument.Parse(input.Text, out string? error, out var errorAt, out SpecNode? root);
        if (document is null)
        {
            if (error is not null)
            {
                return Failed(input, DiagnosticDescriptors.YamlSyntax, errorAt.Line, errorAt.Column, FileName(input), error);
            }

            return input.ExplicitlyIncluded
                ? Failed(input, DiagnosticDescriptors.NotOpenApi, Line(root), Column(root), FileName(input), "the document is not a mapping")
                : new BuildResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        SpecNode? versionNode = SpecDocument.Get(document.Root, "openapi");
        string? version = SpecDocument.ScalarText(versionNode);
        if (version is null && SpecDocument.Get(document.Root, "swagger") is { } swagger)
        {
            return Failed(input, DiagnosticDescriptors.SwaggerDocument, Line(swagger), Column(swagger), FileName(input), SpecDocument.ScalarText(swagger) ?? "2.0");
        }

        if (version is null)
        {
            return input.ExplicitlyIncluded
                ? Failed(input, DiagnosticDescriptors.NotOpenApi, 1, 1, FileName(input), "the 'openapi' key is missing")
                : new BuildResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (!version.StartsWith("3.0", StringComparison.Ordinal) && !version.StartsWith("3.1", StringComparison.Ordinal))
        {
            return Failed(input, DiagnosticDescriptors.UnsupportedVersion, Line(versionNode), Column(versionNode), FileName(input), version);
        }

        var builder = new ApiModelBuilder(input, document, cancellationToken);
        ApiSpec spec = builder.BuildSpec();
        return new BuildResult(spec, builder._diagnostics.ToEquatableArray());
    }

    private static BuildResult Failed(SpecInput input, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int line, int column, params string[] arguments) =>
        new(null, new[] { new DiagnosticInfo(descriptor.Id, arguments.ToEquatableArray(), input.Path, line, column) }.ToEquatableArray());

    private static string FileName(SpecInput input) => System.IO.Path.GetFileName(input.Path);

    private static int Line(SpecNode? node) => node is null ? 1 : node.Line;

    private static int Column(SpecNode? node) => node is null ? 1 : node.Column;

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SpecNode? node, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, arguments.ToEquatableArray(), _input.Path, Line(node), Column(node)));

    // ---------------------------------------------------------------- the document

    private ApiSpec BuildSpec()
    {
        SpecNode? info = SpecDocument.Get(_document.Root, "info");
        string? title = SpecDocument.GetString(info, "title");
        string baseName = TitleName(title);
        string ns = _input.Namespace ?? NamespaceFromTitle(baseName);
        _namespace = ns;
        string clientName = _input.ClientName ?? Naming.Identifier(baseName) + "Client";
        _typeNames.Add(clientName);

        ReportUnresolvedReferences();
        var operations = CollectOperations();
        MarkRequestSchemas(operations);
        var root = new ResourceNode("", "");
        var operationIds = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (RawOperation raw in operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            RawOperation operation = raw;
            if (operationIds.ContainsKey(raw.OperationId))
            {
                // Still generated: the duplicate is named after its method and path, which are unique.
                Report(DiagnosticDescriptors.DuplicateOperationId, SpecDocument.Get(raw.Node, "operationId") ?? raw.Node, raw.OperationId);
                operation = raw with { OperationId = Naming.Identifier(raw.Method + " " + raw.Path) };
            }

            operationIds[operation.OperationId] = raw.Node;
            BuildOperation(operation, root);
        }

        string? server = SpecDocument.GetString(SpecDocument.GetSequence(_document.Root, "servers")?.Children.FirstOrDefault(), "url");
        return new ApiSpec
        {
            Namespace = ns,
            ClientName = clientName,
            Title = title,
            Description = SpecDocument.GetString(info, "description"),
            DefaultBaseUrl = server,
            Models = _models.OrderBy(m => m.Name, StringComparer.Ordinal).ToEquatableArray(),
            Enums = _enums.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            Resources = root.Children.Select(c => c.ToSpec(_typeNames.Add, name => ReserveTypeName(name))).ToEquatableArray(),
            Security = SecurityReader.Read(_document),
            BaseUrlVariable = SecurityReader.BaseUrlVariable(_document),
        };
    }

    /// <summary>
    /// Checks every <c>$ref</c> in the document, also those no generated code reaches (error responses, unused
    /// components): a reference to nothing makes the spec invalid wherever it is.
    /// </summary>
    private void ReportUnresolvedReferences()
    {
        var pending = new Stack<SpecNode>();
        pending.Push(_document.Root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SpecMap map:
                    foreach (var member in map.Members)
                    {
                        if (member.Key == "$ref" && member.Value is SpecScalar reference)
                        {
                            if (_document.Resolve(reference.Value) is null && _reportedReferences.Add(reference.Value + "@" + Line(map)))
                            {
                                Report(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value);
                            }
                            else if (IsReferenceCycle(map) && _reportedReferences.Add("cycle@" + Line(map)))
                            {
                                Report(DiagnosticDescriptors.InvalidNode, reference, $"The reference '{reference.Value}' is part of a cycle of references");
                            }
                        }
                        else if (member.Key is not ("example" or "examples"))
                        {
                            pending.Push(member.Value);
                        }
                    }

                    break;
                case SpecSequence sequence:
                    foreach (SpecNode child in sequence.Children)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }
    }

    /// <summary>Whether following <c>$ref</c>s from <paramref name="start"/> comes back to a node already seen.</summary>
    private bool IsReferenceCycle(SpecMap start)
    {
        var seen = new HashSet<SpecNode>(ReferenceEqualityComparer.Instance);
        SpecNode? node = start;
        while (SpecDocument.GetString(node, "$ref") is { } reference)
        {
            if (!seen.Add(node!))
            {
                return true;
            }

            node = _document.Resolve(reference);
        }

        return false;
    }

    /// <summary>"Telnyx SIP API (subset …)" → "Telnyx SIP": the words before any parenthesis, without a trailing "API".</summary>
    private static string TitleName(string? title)
    {
        string text = title ?? "Api";
        int paren = text.IndexOf('(');
        if (paren > 0)
        {
            text = text.Substring(0, paren);
        }

        string[] words = text.Split(new[] { ' ', '\t', '-', '_' }, StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => char.IsLetterOrDigit(w[0])).ToList();
        while (kept.Count > 1 && (kept[kept.Count - 1].Equals("API", StringComparison.OrdinalIgnoreCase) ||
                                  kept[kept.Count - 1].Equals("Client", StringComparison.OrdinalIgnoreCase)))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return kept.Count == 0 ? "Api" : string.Join(" ", kept);
    }

    private static string NamespaceFromTitle(string name) =>
        string.Join(".", name.Split(' ').Select(w => Naming.Identifier(w)).Where(w => w.Length > 0));

    private sealed record RawOperation(string Path, string Method, SpecMap Node, SpecNode PathItem, string OperationId);

    private List<RawOperation> CollectOperations()
    {
        var result = new List<RawOperation>();
        string[] tags = Split(_input.IncludeTags);
        string[] prefixes = Split(_input.IncludePaths);
        foreach (var path in SpecDocument.Members(SpecDocument.Get(_document.Root, "paths")))
        {
            bool pathIncluded = prefixes.Any(prefix => path.Key.StartsWith(prefix, StringComparison.Ordinal));
            SpecNode pathItem = Deref(path.Value) ?? path.Value;
            foreach (var member in SpecDocument.Members(pathItem))
            {
                string method = member.Key.ToLowerInvariant();
                if (Array.IndexOf(HttpMethods, method) < 0)
                {
                    continue;
                }

                if (member.Value is not SpecMap operation)
                {
                    Report(DiagnosticDescriptors.InvalidNode, member.Value, $"The {method.ToUpperInvariant()} operation of '{path.Key}' is not a mapping");
                    continue;
                }

                if ((tags.Length > 0 || prefixes.Length > 0) && !pathIncluded &&
                    !(SpecDocument.GetSequence(operation, "tags")?.Children.Any(t => tags.Contains(SpecDocument.ScalarText(t))) ?? false))
                {
                    continue;
                }

                string operationId = SpecDocument.GetString(operation, "operationId") ?? Naming.Identifier(method + " " + path.Key);
                result.Add(new RawOperation(path.Key, method, operation, pathItem, operationId));
            }
        }

        return result;
    }

    private static string[] Split(string? list) => MetadataList.Split(list);

    // ---------------------------------------------------------------- operations

    private void BuildOperation(RawOperation raw, ResourceNode root)
    {
        string operationName = Naming.Identifier(raw.OperationId);
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

        // Parameters: path-level first, then the operation's own, which override by name and location.
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

        var pathParameters = new List<ParameterSpec>();
        foreach (PathPart part in parts.Where(p => p.IsParameter))
        {
            SpecNode? declared = parameters.Where(p => p.In == "path" && p.Name == part.Text).Select(p => p.Node).FirstOrDefault();
            TypeRef type = declared is null ? TypeRef.String : ResolveType(SpecDocument.Get(declared, "schema"), operationName + Naming.Identifier(part.Text));
            if (type.Kind is not (TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Enum))
            {
                type = TypeRef.String;
            }

            pathParameters.Add(new ParameterSpec(part.Text, UniqueParameterName(part.Text, pathParameters), type, Doc(declared)));
        }

        var headerParameters = new List<ParameterSpec>();
        foreach (var header in parameters.Where(p => p.In is "header"))
        {
            // Sent as text; the names of path parameters are taken already.
            string name = UniqueParameterName(header.Name, pathParameters.Concat(headerParameters).ToList());
            headerParameters.Add(new ParameterSpec(header.Name, name, TypeRef.String, Doc(header.Node, SpecDocument.Get(header.Node, "schema"))));
        }

        foreach (var cookie in parameters.Where(p => p.In is "cookie"))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, cookie.Node,
                $"The cookie parameter '{cookie.Name}' of '{raw.OperationId}' is not generated", "set the Cookie header through RequestOptions.Headers");
        }

        var queryParameters = parameters.Where(p => p.In == "query").ToList();
        string? queryClass = null;
        string? pageKey = null;
        string? pageAccess = null;
        if (queryParameters.Count > 0)
        {
            queryClass = ReserveTypeName(operationName + "Params", raw.Node, raw.OperationId + " parameters");
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
                body = ResolveType(SpecDocument.Get(json, "schema"), operationName + "Request");
                bodyKind = BodyKind.Json;
            }
            else if (SpecDocument.Members(content).FirstOrDefault() is { Key: { } mediaType })
            {
                string media = mediaType.ToLowerInvariant();
                (bodyKind, body) = media.StartsWith("multipart/", StringComparison.Ordinal)
                    ? (BodyKind.Multipart, new TypeRef(TypeKind.Model, "global::Telnyx.Sip.MultipartBody"))
                    : media == "application/x-www-form-urlencoded"
                        ? (BodyKind.Form, new TypeRef(TypeKind.Model, "global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<string, string>>"))
                        : (BodyKind.Binary, new TypeRef(TypeKind.Model, "global::System.IO.Stream"));
                bodyMediaType = media.Contains("*") ? "application/octet-stream" : mediaType;
            }
        }

        (ResponseKind responseKind, TypeRef? responseType) = BuildResponse(raw, operationName);
        if (responseKind == ResponseKind.Page && (pageKey is null || raw.Method != "get"))
        {
            // A data array without page-number paging: return the whole list.
            responseKind = ResponseKind.Data;
            responseType = new TypeRef(TypeKind.List, $"global::System.Collections.Generic.IReadOnlyList<{responseType!.Name}>", responseType);
        }

        string methodName = action is not null
            ? Naming.Identifier(action)
            : (raw.Method, endsWithParameter) switch
            {
                ("get", false) => responseKind == ResponseKind.Page || responseType?.Kind == TypeKind.List ? "List" : "Retrieve",
                ("get", true) => "Retrieve",
                ("post", _) => "Create",
                ("patch", _) => "Update",
                ("put", _) => SpecDocument.Get(raw.PathItem, "patch") is null ? "Update" : "Replace",
                ("delete", _) => "Delete",
                _ => Naming.Identifier(raw.Method),
            };

        ResourceNode resource = root;
        foreach (string literal in literalChain)
        {
            resource = resource.Child(Naming.Identifier(literal));
        }

        if (resource.MethodNames.Contains(methodName))
        {
            methodName = operationName;
        }

        resource.MethodNames.Add(methodName);
        var operation = new OperationSpec
        {
            OperationId = raw.OperationId,
            MethodName = methodName,
            HttpMethod = raw.Method.ToUpperInvariant(),
            PathTemplate = raw.Path,
            Path = parts.ToEquatableArray(),
            PathParameters = pathParameters.ToEquatableArray(),
            HeaderParameters = headerParameters.ToEquatableArray(),
            QueryClass = queryClass,
            PageNumberKey = responseKind == ResponseKind.Page ? pageKey : null,
            PageNumberAccess = responseKind == ResponseKind.Page ? pageAccess : null,
            Body = body,
            BodyRequired = bodyRequired,
            BodyKind = bodyKind,
            BodyMediaType = bodyMediaType,
            ResponseKind = responseKind,
            ResponseType = responseType,
            Doc = OperationDoc(raw.Node),
            Deprecated = SpecDocument.GetBool(raw.Node, "deprecated"),
        };
        resource.Operations.Add(operation);
    }

    private static bool IsParameterSegment(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    private static string UniqueParameterName(string wireName, List<ParameterSpec> existing)
    {
        string name = Naming.Parameter(wireName);
        if (name is "body" or "parameters" or "options" or "cancellationToken" or "request")
        {
            name += "Value"; // the generated method's own parameters and locals
        }

        return existing.Any(p => p.Name == name) ? name + "_" + Naming.ShortHash(wireName) : name;
    }

    private static SpecNode? JsonMedia(SpecNode? content)
    {
        foreach (var media in SpecDocument.Members(content))
        {
            string type = media.Key.ToLowerInvariant();
            if (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal) || type.StartsWith("application/json;", StringComparison.Ordinal))
            {
                return media.Value;
            }
        }

        return null;
    }

    private (ResponseKind Kind, TypeRef? Type) BuildResponse(RawOperation raw, string operationName)
    {
        SpecNode? responses = SpecDocument.Get(raw.Node, "responses");
        var success = SpecDocument.Members(responses)
            .Where(r => r.Key.StartsWith("2", StringComparison.Ordinal))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        SpecNode? response = Deref(success.Value);
        if (response is null)
        {
            return (ResponseKind.None, null);
        }

        SpecNode? content = SpecDocument.Get(response, "content");
        SpecNode? json = JsonMedia(content);
        if (json is null && SpecDocument.Members(content).Count > 0)
        {
            return (ResponseKind.Stream, null);
        }

        SpecNode? schema = Deref(SpecDocument.Get(json, "schema"));
        if (schema is null)
        {
            return (ResponseKind.None, null);
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
                return (ResponseKind.Page, item);
            }

            return (ResponseKind.Data, ResolveType(SpecDocument.Get(properties, "data"), operationName + "Result"));
        }

        return (ResponseKind.Body, ResolveType(SpecDocument.Get(json, "schema"), operationName + "Response"));
    }

    private static bool IsArraySchema(SpecNode? schema) =>
        SpecDocument.Get(schema, "items") is not null || Types(schema).Contains("array");

    private DocSpec OperationDoc(SpecNode operation)
    {
        string? summary = SpecDocument.GetString(operation, "summary");
        string? description = SpecDocument.GetString(operation, "description");
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

    // ---------------------------------------------------------------- query parameters

    private (string? PageKey, string? PageAccess) BuildQueryModel(string className, List<(string Name, string In, SpecNode Node, string? RefName)> parameters, string? summary)
    {
        var properties = new List<PropertySpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? pageKey = null;
        string? pageAccess = null;
        foreach (var parameter in parameters)
        {
            SpecNode? schema = Deref(SpecDocument.Get(parameter.Node, "schema"));
            string style = SpecDocument.GetString(parameter.Node, "style") ?? "form";
            string propertyName = UniqueMemberName(Naming.Identifier(parameter.Name), className, names, parameter.Name);
            TypeRef type;
            if (style == "deepObject" || (IsObjectSchema(schema) && SpecDocument.Get(schema, "properties") is not null))
            {
                // A parameter defined once in components is one class, named after its component.
                string typeName = parameter.RefName is { } refName ? Naming.Identifier(refName, "T") : className + propertyName;
                type = _namedTypes.TryGetValue(parameter.Node, out TypeRef? shared) ? shared : BuildQueryObject(typeName, schema, Doc(parameter.Node, schema));
                _namedTypes[parameter.Node] = type;
                if (IsPageSchema(schema))
                {
                    pageKey = parameter.Name + "[number]";
                    pageAccess = propertyName + "?.Number";
                }
            }
            else
            {
                type = QueryScalar(schema, parameter.RefName is { } refName ? Naming.Identifier(refName, "T") : className + propertyName, parameter.Name == "sort");
                if (parameter.Name.Equals("page[number]", StringComparison.Ordinal) && type.Kind is TypeKind.Int32 or TypeKind.Int64)
                {
                    pageKey = parameter.Name;
                    pageAccess = propertyName;
                }
            }

            properties.Add(new PropertySpec
            {
                WireName = parameter.Name,
                Name = propertyName,
                Type = type,
                IsNullable = true,
                IsRequired = false,
                IsSecret = false,
                Doc = Doc(parameter.Node, schema),
            });
        }

        _models.Add(new ModelSpec
        {
            Name = className,
            Kind = ModelKind.Query,
            Doc = new DocSpec(summary is null ? "Query parameters." : $"Query parameters of \"{summary}\".", EquatableArray<string>.Empty),
            Properties = properties.ToEquatableArray(),
        });
        return (pageKey, pageAccess);
    }

    private bool IsPageSchema(SpecNode? schema)
    {
        SpecNode? number = Deref(SpecDocument.Get(SpecDocument.Get(schema, "properties"), "number"));
        return number is not null && Types(number).Contains("integer");
    }

    /// <summary>An object serialised deepObject-style. A oneOf of a plain value and an object becomes one class with both.</summary>
    private TypeRef BuildQueryObject(string name, SpecNode? schema, DocSpec? doc = null)
    {
        name = ReserveTypeName(name);
        TypeRef? scalar = null;
        SpecNode? objectSchema = schema;
        if ((SpecDocument.GetSequence(schema, "oneOf") ?? SpecDocument.GetSequence(schema, "anyOf")) is { } variants)
        {
            objectSchema = null;
            foreach (SpecNode variant in variants.Children.Select(v => Deref(v) ?? v))
            {
                if (IsObjectSchema(variant))
                {
                    objectSchema = variant;
                }
                else
                {
                    scalar = QueryScalar(variant, name + "Value", false);
                }
            }
        }

        var properties = new List<PropertySpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in SpecDocument.Members(SpecDocument.Get(objectSchema, "properties")))
        {
            SpecNode? propertySchema = Deref(member.Value);
            string propertyName = UniqueMemberName(Naming.Identifier(member.Key), name, names, member.Key);
            TypeRef type = IsObjectSchema(propertySchema) || SpecDocument.Get(propertySchema, "oneOf") is not null || SpecDocument.Get(propertySchema, "anyOf") is not null
                ? BuildQueryObject(name + propertyName, propertySchema)
                : QueryScalar(propertySchema, name + propertyName, false);
            properties.Add(new PropertySpec
            {
                WireName = member.Key,
                Name = propertyName,
                Type = type,
                IsNullable = true,
                IsRequired = false,
                IsSecret = false,
                Doc = Doc(member.Value, propertySchema),
            });
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Query,
            Doc = doc ?? Doc(schema, schema),
            Properties = properties.ToEquatableArray(),
            ScalarValue = scalar,
        });
        return new TypeRef(TypeKind.Model, Qualified(name));
    }

    /// <summary>Type references are written <c>global::</c>-qualified, so that a property can share a type's name.</summary>
    private string Qualified(string name) => $"global::{_namespace}.{name}";

    private TypeRef QueryScalar(SpecNode? schema, string contextName, bool isSort)
    {
        TypeRef type = ResolveType(schema, contextName, isSort);
        if (type.Kind == TypeKind.List && type.Element is { } element && element.Kind is not (TypeKind.Model or TypeKind.List or TypeKind.Map or TypeKind.Json))
        {
            return type;
        }

        return type.Kind is TypeKind.Model or TypeKind.List or TypeKind.Map or TypeKind.Json ? TypeRef.String : type;
    }

    // ---------------------------------------------------------------- schemas

    /// <summary>Marks every schema reachable from a request body, whose required fields become C# required members.</summary>
    private void MarkRequestSchemas(List<RawOperation> operations)
    {
        var pending = new Stack<SpecNode>();
        foreach (RawOperation operation in operations)
        {
            SpecNode? requestBody = Deref(SpecDocument.Get(operation.Node, "requestBody"));
            if (Deref(SpecDocument.Get(JsonMedia(SpecDocument.Get(requestBody, "content")), "schema")) is { } schema)
            {
                pending.Push(schema);
            }
        }

        while (pending.Count > 0)
        {
            SpecNode schema = pending.Pop();
            if (!_requestSchemas.Add(schema))
            {
                continue;
            }

            foreach (var property in SpecDocument.Members(SpecDocument.Get(schema, "properties")))
            {
                PushSchema(property.Value);
            }

            PushSchema(SpecDocument.Get(schema, "items"));
            PushSchema(SpecDocument.Get(schema, "additionalProperties"));
            foreach (string keyword in new[] { "allOf", "oneOf", "anyOf" })
            {
                foreach (SpecNode part in SpecDocument.GetSequence(schema, keyword)?.Children ?? Enumerable.Empty<SpecNode>())
                {
                    PushSchema(part);
                }
            }
        }

        void PushSchema(SpecNode? node)
        {
            if (Deref(node, report: false) is SpecMap target)
            {
                pending.Push(target);
            }
        }
    }

    /// <summary>Follows <c>$ref</c>s to the node they point to; reports a reference that resolves to nothing.</summary>
    private SpecNode? Deref(SpecNode? node, bool report = true)
    {
        var seen = new HashSet<SpecNode>(ReferenceEqualityComparer.Instance);
        while (SpecDocument.GetString(node, "$ref") is { } reference)
        {
            if (!seen.Add(node!))
            {
                if (report && _reportedReferences.Add("cycle@" + Line(node)))
                {
                    Report(DiagnosticDescriptors.InvalidNode, node, $"The reference '{reference}' is part of a cycle of references");
                }

                return null;
            }

            SpecNode? target = _document.Resolve(reference);
            if (target is null)
            {
                if (report && _reportedReferences.Add(reference + "@" + Line(node)))
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, SpecDocument.Get(node, "$ref"), reference);
                }

                return null;
            }

            node = target;
        }

        return node;
    }

    /// <summary>The name a <c>$ref</c> gives its target (<c>#/components/schemas/Fqdn</c> → <c>Fqdn</c>).</summary>
    private static string? ReferenceName(SpecNode? node)
    {
        string? reference = SpecDocument.GetString(node, "$ref");
        if (reference is null)
        {
            return null;
        }

        int slash = reference.LastIndexOf('/');
        return Uri.UnescapeDataString(reference.Substring(slash + 1)).Replace("~1", "/").Replace("~0", "~");
    }

    private static List<string> Types(SpecNode? schema)
    {
        var types = new List<string>();
        SpecNode? type = SpecDocument.Get(schema, "type");
        if (type is SpecSequence list)
        {
            foreach (SpecNode item in list.Children)
            {
                // In a type list, 'null' is the string "null" whether or not it is quoted.
                types.Add(item is SpecScalar scalar ? scalar.Value ?? "null" : "");
            }
        }
        else if (type is SpecScalar scalar && scalar.Value is { } value)
        {
            types.Add(value);
        }

        return types;
    }

    private static bool IsNullableSchema(SpecNode? schema) =>
        Types(schema).Contains("null") || SpecDocument.GetBool(schema, "nullable") ||
        (SpecDocument.GetSequence(schema, "enum")?.Children.Any(SpecDocument.IsNull) ?? false) ||
        (SpecDocument.GetSequence(schema, "oneOf") ?? SpecDocument.GetSequence(schema, "anyOf"))?.Children
            .Any(v => Types(v).SequenceEqual(new[] { "null" })) == true;

    private static bool IsObjectSchema(SpecNode? schema) =>
        Types(schema).Contains("object") || SpecDocument.Get(schema, "properties") is not null || SpecDocument.Get(schema, "allOf") is not null;

    /// <summary>The C# type for a schema; <paramref name="contextName"/> names it when it is an inline object or enum.</summary>
    private TypeRef ResolveType(SpecNode? schemaNode, string contextName, bool isSort = false)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (schemaNode is null)
        {
            return TypeRef.Json;
        }

        string? referenceName = ReferenceName(schemaNode);
        SpecNode? schema = Deref(schemaNode);
        if (schema is null)
        {
            return TypeRef.Json;
        }

        if (referenceName is not null)
        {
            contextName = Naming.Identifier(referenceName, "T");
        }

        if (_namedTypes.TryGetValue(schema, out TypeRef? known))
        {
            return known;
        }

        // A one-member allOf is how 3.0 specs attach a description to a $ref: it is the referenced type.
        if (SpecDocument.GetSequence(schema, "allOf") is { Children.Count: 1 } single && SpecDocument.Get(schema, "properties") is null)
        {
            return ResolveType(single.Children[0], contextName, isSort);
        }

        // oneOf/anyOf of one type and null is that type, nullable.
        if ((SpecDocument.GetSequence(schema, "oneOf") ?? SpecDocument.GetSequence(schema, "anyOf")) is { } variants)
        {
            var nonNull = variants.Children.Where(v => !Types(v).SequenceEqual(new[] { "null" })).ToList();
            if (nonNull.Count == 1)
            {
                return ResolveType(nonNull[0], contextName, isSort);
            }

            if (SpecDocument.Get(schema, "properties") is null)
            {
                return BuildUnion(schema, nonNull, contextName, referenceName);
            }
        }

        List<string> types = Types(schema).Where(t => t != "null").ToList();
        if (SpecDocument.GetSequence(schema, "enum") is { } values && (types.Count == 0 || types.Contains("string")))
        {
            return BuildEnum(schema, values, contextName, isSort, referenceName);
        }

        if (IsObjectSchema(schema) && !types.Any(t => t is "string" or "integer" or "number" or "boolean" or "array"))
        {
            SpecNode? properties = SpecDocument.Get(schema, "properties");
            SpecNode? additional = SpecDocument.Get(schema, "additionalProperties");
            if (properties is null && SpecDocument.Get(schema, "allOf") is null)
            {
                TypeRef value = additional is SpecMap valueSchema && SpecDocument.Members(valueSchema).Any()
                    ? ResolveType(valueSchema, contextName + "Value")
                    : TypeRef.Json;
                return new TypeRef(TypeKind.Map, $"global::System.Collections.Generic.IDictionary<string, {value.Name}>", value);
            }

            return BuildModel(schema, contextName, referenceName);
        }

        string? format = SpecDocument.GetString(schema, "format");
        switch (types.FirstOrDefault())
        {
            case "string":
                return format == "date-time" ? TypeRef.DateTimeOffset : TypeRef.String;
            case "integer":
                return format == "int64" ? TypeRef.Int64 : TypeRef.Int32;
            case "number":
                return TypeRef.Double;
            case "boolean":
                return TypeRef.Boolean;
            case "array":
                TypeRef item = ResolveType(SpecDocument.Get(schema, "items"), Naming.Singular(contextName));
                return new TypeRef(TypeKind.List, $"global::System.Collections.Generic.IList<{item.Name}>", item);
            default:
                return TypeRef.Json;
        }
    }

    /// <summary>
    /// A oneOf/anyOf of several types becomes a class holding one of them: callers match with <c>TryGet{Variant}</c>.
    /// With a discriminator the variant is chosen by its value; without one, by the JSON's kind and required members.
    /// </summary>
    private TypeRef BuildUnion(SpecNode schema, List<SpecNode> variants, string contextName, string? source)
    {
        string name = ReserveTypeName(contextName, schema, source);
        var type = new TypeRef(TypeKind.Model, Qualified(name));
        _namedTypes[schema] = type;
        SpecNode? discriminator = SpecDocument.Get(schema, "discriminator");
        string? property = SpecDocument.GetString(discriminator, "propertyName");
        SpecNode? mapping = SpecDocument.Get(discriminator, "mapping");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var specs = new List<VariantSpec>();
        foreach (SpecNode variant in variants)
        {
            string? referenceName = ReferenceName(variant);
            SpecNode? resolved = Deref(variant);
            string? title = SpecDocument.GetString(resolved, "title");
            TypeRef variantType = ResolveType(variant, name + Naming.Identifier(title ?? VariantHint(resolved), "V"));
            string variantName = UniqueMemberName(VariantName(variantType, title), name, names, SpecDocument.GetString(variant, "$ref") ?? variantType.Name);

            var values = new List<string>();
            if (property is not null)
            {
                string? reference = SpecDocument.GetString(variant, "$ref");
                foreach (var entry in SpecDocument.Members(mapping))
                {
                    if (SpecDocument.ScalarText(entry.Value) is { } target && (target == reference || target == referenceName))
                    {
                        values.Add(entry.Key);
                    }
                }

                if (values.Count == 0 && referenceName is not null)
                {
                    values.Add(referenceName); // the implicit mapping: the schema's own name
                }

                // A const or single-valued enum on the discriminator member also names the variant.
                SpecNode? member = Deref(SpecDocument.Get(SpecDocument.Get(resolved, "properties"), property));
                if (SpecDocument.GetString(member, "const") is { } constant)
                {
                    values.Add(constant);
                }
                else if (SpecDocument.GetSequence(member, "enum") is { Children.Count: 1 } single && SpecDocument.ScalarText(single.Children[0]) is { } only)
                {
                    values.Add(only);
                }
            }

            var required = SpecDocument.GetSequence(resolved, "required")?.Children.Select(SpecDocument.ScalarText).OfType<string>() ?? Enumerable.Empty<string>();
            specs.Add(new VariantSpec(variantName, variantType, values.Distinct().ToEquatableArray(), required.ToEquatableArray()));
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Union,
            Doc = Doc(schema, schema),
            Properties = EquatableArray<PropertySpec>.Empty,
            Variants = specs.ToEquatableArray(),
            Discriminator = property,
        });
        return type;

        static string VariantHint(SpecNode? variant) =>
            Types(variant).FirstOrDefault(t => t != "null") is { } kind ? kind : SpecDocument.Get(variant, "properties") is { } properties
                ? "With" + string.Concat(SpecDocument.Members(properties).Take(2).Select(m => Naming.Identifier(m.Key)))
                : "Value";
    }

    /// <summary>The name of a variant: its type's own name, or what kind of value it is.</summary>
    private static string VariantName(TypeRef type, string? title) => type.Kind switch
    {
        TypeKind.Model or TypeKind.Enum => type.Name.Substring(type.Name.LastIndexOf('.') + 1),
        TypeKind.List => VariantName(type.Element!, null) + "List",
        TypeKind.Map => VariantName(type.Element!, null) + "Map",
        TypeKind.Json => title is null ? "Json" : Naming.Identifier(title, "V"),
        _ => type.Kind.ToString(),
    };

    private TypeRef BuildEnum(SpecNode schema, SpecSequence values, string contextName, bool isSort, string? source)
    {
        string name = ReserveTypeName(contextName, schema, source);
        var type = new TypeRef(TypeKind.Enum, Qualified(name));
        _namedTypes[schema] = type;
        var members = new List<EnumMemberSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SpecNode node in values.Children)
        {
            if (SpecDocument.IsNull(node) || node is not SpecScalar { Value: { } value })
            {
                continue;
            }

            if (members.Any(m => m.Value == value))
            {
                continue;
            }

            members.Add(new EnumMemberSpec(UniqueMemberName(Naming.EnumMember(value), name, names, value), value));
        }

        _enums.Add(new EnumSpec
        {
            Name = name,
            Doc = Doc(schema, schema),
            Members = members.ToEquatableArray(),
            IsSortOrder = isSort,
        });
        return type;
    }

    private TypeRef BuildModel(SpecNode schema, string contextName, string? source)
    {
        string name = ReserveTypeName(contextName, schema, source);
        var type = new TypeRef(TypeKind.Model, Qualified(name));
        _namedTypes[schema] = type;
        if (!_inProgress.Add(schema))
        {
            return type;
        }

        bool isRequest = _requestSchemas.Contains(schema);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<KeyValuePair<string, SpecNode>>();
        CollectMembers(schema, required, members, new HashSet<SpecNode>(ReferenceEqualityComparer.Instance));

        var properties = new List<PropertySpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            SpecNode? propertySchema = Deref(member.Value);
            string propertyName = UniqueMemberName(Naming.Identifier(member.Key), name, names, member.Key);
            TypeRef propertyType = ResolveType(member.Value, name + propertyName);
            bool readOnly = SpecDocument.GetBool(propertySchema, "readOnly");
            bool isRequired = required.Contains(member.Key);
            bool nullable = IsNullableSchema(propertySchema) || IsNullableSchema(member.Value);
            properties.Add(new PropertySpec
            {
                WireName = member.Key,
                Name = propertyName,
                Type = propertyType,
                IsNullable = nullable || !isRequired,
                IsRequired = isRequest && isRequired && !readOnly,
                IsSecret = IsSecret(member.Key, propertySchema),
                Doc = Doc(member.Value, propertySchema),
            });
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Json,
            Doc = Doc(schema, schema),
            Properties = properties.ToEquatableArray(),
        });
        _inProgress.Remove(schema);
        return type;
    }

    /// <summary>
    /// Whether <c>ToString</c> must hide a property: <c>writeOnly</c> or <c>format: password</c> in the spec, or a
    /// name that says secret (<c>password</c>, <c>secret</c>, a trailing <c>token</c>).
    /// </summary>
    private static bool IsSecret(string wireName, SpecNode? schema) =>
        SpecDocument.GetBool(schema, "writeOnly") || SpecDocument.GetString(schema, "format") == "password" ||
        wireName.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0 ||
        wireName.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0 ||
        wireName.EndsWith("token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Collects the properties of a schema and of its allOf parts, flattened in order; later ones win.</summary>
    private void CollectMembers(SpecNode schema, HashSet<string> required, List<KeyValuePair<string, SpecNode>> members, HashSet<SpecNode> visited)
    {
        if (!visited.Add(schema))
        {
            return;
        }

        foreach (SpecNode part in SpecDocument.GetSequence(schema, "allOf")?.Children ?? Enumerable.Empty<SpecNode>())
        {
            if (Deref(part) is { } resolved)
            {
                CollectMembers(resolved, required, members, visited);
            }
        }

        foreach (var member in SpecDocument.Members(SpecDocument.Get(schema, "properties")))
        {
            members.RemoveAll(m => m.Key == member.Key);
            members.Add(member);
        }

        foreach (SpecNode item in SpecDocument.GetSequence(schema, "required")?.Children ?? Enumerable.Empty<SpecNode>())
        {
            if (SpecDocument.ScalarText(item) is { } name)
            {
                required.Add(name);
            }
        }
    }

    /// <summary>
    /// Reserves a C# type name. A name already taken gets a suffix derived from <paramref name="source"/> (the spec
    /// name it comes from) rather than a counter, so that it stays the same when the spec gains other names; the
    /// collision is reported at <paramref name="node"/>.
    /// </summary>
    private string ReserveTypeName(string name, SpecNode? node = null, string? source = null)
    {
        if (_typeNames.Add(name))
        {
            return name;
        }

        string candidate = name + "_" + Naming.ShortHash(source ?? name);
        while (!_typeNames.Add(candidate))
        {
            candidate += "_"; // two sources whose hashes collide as well: vanishingly rare
        }

        if (node is not null)
        {
            Report(DiagnosticDescriptors.NameCollision, node, source ?? name, name, candidate);
        }

        return candidate;
    }

    /// <summary>Members every generated type has; a spec member with one of these names gets a <c>Value</c> suffix.</summary>
    private static readonly HashSet<string> ReservedMemberNames = new(StringComparer.Ordinal)
    {
        "AdditionalProperties", "ReadJson", "WriteJson", "MemberIndex", "AppendQuery", "ToString", "Equals", "GetHashCode",
        "GetType", "Value", "Descending", "IsKnown", "FromWire",
    };

    /// <summary>
    /// A member name unique within its type. A name the type itself uses (its own name, its methods) gets a
    /// <c>Value</c> suffix; two spec names that become one identifier: the later one gets a suffix derived from its
    /// spec name, never a counter, so that names do not shift when the spec gains members.
    /// </summary>
    private static string UniqueMemberName(string name, string typeName, HashSet<string> taken, string source)
    {
        if (name == typeName || ReservedMemberNames.Contains(name))
        {
            name += "Value";
        }

        if (taken.Add(name))
        {
            return name;
        }

        string candidate = name + "_" + Naming.ShortHash(source);
        while (!taken.Add(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }

    /// <summary>Documentation for a schema or parameter: its description and the facts worth a remark.</summary>
    private static DocSpec Doc(SpecNode? node, SpecNode? schema = null)
    {
        if (node is null)
        {
            return DocSpec.None;
        }

        string? summary = SpecDocument.GetString(node, "description") ?? SpecDocument.GetString(schema, "description")
                          ?? SpecDocument.GetString(node, "title") ?? SpecDocument.GetString(schema, "title");
        var remarks = new List<string>();
        SpecNode? source = schema ?? node;
        if (SpecDocument.Get(source, "default") is SpecScalar defaultValue && SpecDocument.ScalarText(defaultValue) is { Length: > 0 } text)
        {
            remarks.Add($"Default: `{text}`.");
        }

        string? minimum = SpecDocument.GetString(source, "minimum");
        string? maximum = SpecDocument.GetString(source, "maximum");
        if (minimum is not null || maximum is not null)
        {
            remarks.Add(minimum is not null && maximum is not null ? $"From {minimum} to {maximum}."
                : minimum is not null ? $"At least {minimum}." : $"At most {maximum}.");
        }

        string? minLength = SpecDocument.GetString(source, "minLength");
        string? maxLength = SpecDocument.GetString(source, "maxLength");
        if (minLength is not null || maxLength is not null)
        {
            remarks.Add(minLength is not null && maxLength is not null ? $"{minLength} to {maxLength} characters."
                : minLength is not null ? $"At least {minLength} characters." : $"At most {maxLength} characters.");
        }

        if (SpecDocument.GetString(source, "format") is { } format && format != "date-time")
        {
            remarks.Add($"Format: {format}.");
        }

        if (SpecDocument.GetString(source, "example") is { Length: > 0 } example && example.IndexOf('\n') < 0)
        {
            remarks.Add($"Example: `{example}`.");
        }

        return new DocSpec(summary, remarks.ToEquatableArray());
    }

    // ---------------------------------------------------------------- resources

    private sealed class ResourceNode(string propertyName, string classPrefix)
    {
        public string PropertyName { get; } = propertyName;
        public string ClassPrefix { get; } = classPrefix;
        public List<ResourceNode> Children { get; } = new();
        public List<OperationSpec> Operations { get; } = new();
        public HashSet<string> MethodNames { get; } = new(StringComparer.Ordinal);

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
        };
    }
}

/// <summary>Compares by reference: YAML nodes are identified by where they are, not by what they hold.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<SpecNode>
{
    public static readonly ReferenceEqualityComparer Instance = new();

    public bool Equals(SpecNode? x, SpecNode? y) => ReferenceEquals(x, y);

    public int GetHashCode(SpecNode obj) => RuntimeHelpers.GetHashCode(obj);
}
