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
internal sealed partial class ApiModelBuilder
{
    /// <summary>The methods a path item names with fixed fields (<c>trace</c> is not generated; <c>query</c> is OpenAPI 3.2).</summary>
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "query"];

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

    /// <summary>Whether the document is OpenAPI 3.2: only then are <c>query</c>, <c>additionalOperations</c> and the other 3.2 fields read.</summary>
    private bool _openApi32;
    private int _reservedTypeNames;
    private readonly HashSet<string> _reservedTypeNameSet = new(StringComparer.Ordinal);

    private ApiModelBuilder(SpecInput input, SpecDocument document, CancellationToken cancellationToken)
    {
        _input = input;
        _document = document;
        _cancellationToken = cancellationToken;
    }

    public static BuildResult Build(SpecInput input, CancellationToken cancellationToken)
    {
        if (input.Text.Length > SpecBudgets.MaxDocumentCharacters)
        {
            return Failed(input, DiagnosticDescriptors.DocumentTooLarge, 1, 1, FileName(input),
                input.Text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                SpecBudgets.MaxDocumentCharacters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        SpecDocument? document = SpecDocument.Parse(input.Text, out string? error, out var errorAt, out SpecNode? root, out bool overBudget, cancellationToken);
        if (document is null)
        {
            if (overBudget)
            {
                return Failed(input, DiagnosticDescriptors.AliasBudget, errorAt.Line, errorAt.Column, FileName(input), error!);
            }

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

        if (!version.StartsWith("3.0", StringComparison.Ordinal) && !version.StartsWith("3.1", StringComparison.Ordinal) &&
            !version.StartsWith("3.2", StringComparison.Ordinal))
        {
            return Failed(input, DiagnosticDescriptors.UnsupportedVersion, Line(versionNode), Column(versionNode), FileName(input), version);
        }

        var builder = new ApiModelBuilder(input, document, cancellationToken) { _openApi32 = version.StartsWith("3.2", StringComparison.Ordinal) };
        try
        {
            ApiSpec spec = builder.BuildSpec();
            return new BuildResult(spec, builder._diagnostics.ToEquatableArray());
        }
        catch (TypeBudgetException exception)
        {
            builder.Report(DiagnosticDescriptors.TooManyTypes, exception.Node, FileName(input),
                SpecBudgets.MaxTypes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            return new BuildResult(null, builder._diagnostics.ToEquatableArray());
        }
    }

    /// <summary>Stops the build before it makes more types than <see cref="SpecBudgets.MaxTypes"/>.</summary>
    private void CheckTypeBudget(SpecNode? node)
    {
        if (_typeNames.Count - _reservedTypeNames >= SpecBudgets.MaxTypes)
        {
            throw new TypeBudgetException(node ?? _document.Root);
        }
    }

    private sealed class TypeBudgetException(SpecNode node) : Exception
    {
        public SpecNode Node { get; } = node;
    }

    private static BuildResult Failed(SpecInput input, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int line, int column, params string[] arguments) =>
        new(null, new[] { new DiagnosticInfo(descriptor.Id, arguments.ToEquatableArray(), input.Path, line, column) }.ToEquatableArray());

    private static string FileName(SpecInput input) => System.IO.Path.GetFileName(input.Path);

    private static int Line(SpecNode? node) => node is null ? 1 : node.Line;

    private static int Column(SpecNode? node) => node is null ? 1 : node.Column;

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SpecNode? node, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, arguments.ToEquatableArray(), _input.Path, Line(node), Column(node)));


    private ApiSpec BuildSpec()
    {
        SpecNode? info = SpecDocument.Get(_document.Root, "info");
        string? title = SpecDocument.GetString(info, "title");
        string baseName = TitleName(title);
        string ns = _input.Namespace is { } chosen ? Naming.Namespace(chosen) : NamespaceFromTitle(baseName);
        _namespace = ns;
        string clientName = _input.ClientName is { } chosenName ? Naming.ValidIdentifierOr(chosenName) : Naming.Identifier(baseName) + "Client";
        _typeNames.Add(clientName);
        _typeNames.Add(clientName + "Options");
        _typeNames.Add(clientName + "ServiceCollectionExtensions");

        // Names a generated type may not take (IsReservedTypeName): taken from the start, so that no type gets them.
        _reservedTypeNameSet.UnionWith(Naming.ReservedMemberNames);
        _reservedTypeNameSet.UnionWith(Naming.ReservedTypeNamesIn(ns));
        _typeNames.UnionWith(_reservedTypeNameSet);
        _reservedTypeNames = _typeNames.Count;

        ReportUnresolvedReferences();
        CollectDeclaredNames();
        ReadTagHierarchy();
        ReportUnsupported32();
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
                operation = raw with { OperationId = Naming.Identifier(raw.Method + " " + raw.Path), NamedBySpec = false };
            }

            operationIds[operation.OperationId] = raw.Node;
            BuildOperation(operation, root);
        }

        WebhooksSpec? webhooks = BuildWebhooks();
        SpecNode? firstServer = SpecDocument.GetSequence(_document.Root, "servers")?.Children.FirstOrDefault();
        string? server = ServerUrl(firstServer, out string? unresolved, out List<ServerVariableSpec> variables);
        ReportMissingServer(firstServer, server, unresolved, clientName);
        var resources = AvoidMemberClashes(root.Children.Select(c => c.ToSpec(TryReserveMadeUpName, name => ReserveMadeUpName(name, () => name))).ToEquatableArray(),
            clientName, webhooks is null ? RootClientMembers : RootClientMembers.Concat(new[] { "Webhooks" }));
        return AvoidMembersNamedLikeTheirType(NameSharedTypes(new ApiSpec
        {
            Namespace = ns,
            ClientName = clientName,
            Title = title,
            Description = Text(info, "description"),
            DefaultBaseUrl = unresolved is null ? server : null,
            ServerTemplate = unresolved is null && variables.Count > 0 ? SpecDocument.GetString(firstServer, "url") : null,
            ServerVariables = unresolved is null ? variables.ToEquatableArray() : EquatableArray<ServerVariableSpec>.Empty,
            Models = _models.OrderBy(m => m.Name, StringComparer.Ordinal).ToEquatableArray(),
            Enums = _enums.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            Resources = resources,
            Security = SecurityReader.Read(_document),
            BaseUrlVariable = SecurityReader.BaseUrlVariable(_document),
            Version = SpecDocument.GetString(info, "version"),
            LogVariable = SecurityReader.LogVariable(_document),
            Webhooks = webhooks,
        }));
    }

    /// <summary>The members the root client declares besides its resources (see Emitter.Clients).</summary>
    private static readonly string[] RootClientMembers = ["Pipeline", "SecretMembers", "Authentication", "Api", "WebhookScheme"];

    /// <summary>
    /// A resource's property must differ from its class's name and from the other members there (the root client's
    /// pipeline, a resource's methods): a path segment <c>pipeline</c> or <c>list_async</c> must not give a second member of
    /// that name. Such a resource's property gets a <c>Resource</c> suffix.
    /// </summary>
    private static EquatableArray<ResourceSpec> AvoidMemberClashes(EquatableArray<ResourceSpec> resources, string ownerClass, IEnumerable<string> ownerMembers)
    {
        var taken = new HashSet<string>(ownerMembers, StringComparer.Ordinal) { ownerClass };
        var siblings = new HashSet<string>(resources.Select(r => r.PropertyName), StringComparer.Ordinal);
        var result = new List<ResourceSpec>(resources.Count);
        foreach (ResourceSpec resource in resources)
        {
            string name = resource.PropertyName;
            if (taken.Contains(name))
            {
                name += "Resource";
                while (taken.Contains(name) || siblings.Contains(name))
                {
                    name += "_";
                }
            }

            taken.Add(name);
            var methods = resource.Operations.SelectMany(o => new[] { o.MethodName + "Async", o.MethodName + "WithResponseAsync", o.MethodName + "PageAsync" });
            result.Add(resource with { PropertyName = name, Children = AvoidMemberClashes(resource.Children, resource.ClassName, methods) });
        }

        return result.ToEquatableArray();
    }

    /// <summary>
    /// A member named like its type is CS0542. Members are named when their type is built, but a shared type gets its
    /// final name only afterwards (NameSharedTypes): an inline enum <c>record_name</c> with a value <c>record_name</c> is
    /// then a <c>RecordName</c> with a member <c>RecordName</c>. Such a member gets the <c>Value</c> suffix here.
    /// </summary>
    private static ApiSpec AvoidMembersNamedLikeTheirType(ApiSpec spec)
    {
        if (!spec.Enums.Any(e => e.Members.Any(m => m.Name == e.Name)) &&
            !spec.Models.Any(m => m.Kind == ModelKind.Json && m.Properties.Any(p => p.Name == m.Name)))
        {
            return spec;
        }

        return spec with
        {
            Enums = spec.Enums.Select(e => e.Members.Any(m => m.Name == e.Name)
                ? e with { Members = e.Members.Select(m => m.Name == e.Name ? m with { Name = Free(m.Name, e.Members.Select(o => o.Name)) } : m).ToEquatableArray() }
                : e).ToEquatableArray(),
            Models = spec.Models.Select(model => model.Kind == ModelKind.Json && model.Properties.Any(p => p.Name == model.Name)
                ? model with { Properties = model.Properties.Select(p => p.Name == model.Name ? p with { Name = Free(p.Name, model.Properties.Select(o => o.Name)) } : p).ToEquatableArray() }
                : model).ToEquatableArray(),
        };

        static string Free(string name, IEnumerable<string> taken)
        {
            var names = new HashSet<string>(taken, StringComparer.Ordinal);
            string candidate = name + "Value";
            while (names.Contains(candidate))
            {
                candidate += "_";
            }

            return candidate;
        }
    }
}

/// <summary>Compares by reference: YAML nodes are identified by where they are, not by what they hold.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<SpecNode>
{
    public static readonly ReferenceEqualityComparer Instance = new();

    public bool Equals(SpecNode? x, SpecNode? y) => ReferenceEquals(x, y);

    public int GetHashCode(SpecNode obj) => RuntimeHelpers.GetHashCode(obj);
}
