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


    private ApiSpec BuildSpec()
    {
        SpecNode? info = SpecDocument.Get(_document.Root, "info");
        string? title = SpecDocument.GetString(info, "title");
        string baseName = TitleName(title);
        string ns = _input.Namespace ?? NamespaceFromTitle(baseName);
        _namespace = ns;
        string clientName = _input.ClientName ?? Naming.Identifier(baseName) + "Client";
        _typeNames.Add(clientName);
        _typeNames.Add(clientName + "Options");
        _typeNames.Add(clientName + "ServiceCollectionExtensions");

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

        SpecNode? firstServer = SpecDocument.GetSequence(_document.Root, "servers")?.Children.FirstOrDefault();
        string? server = SpecDocument.GetString(firstServer, "url");
        ReportMissingServer(firstServer, server, clientName);
        var resources = root.Children.Select(c => c.ToSpec(_typeNames.Add, name => ReserveTypeName(name))).ToEquatableArray();
        return NameSharedTypes(new ApiSpec
        {
            Namespace = ns,
            ClientName = clientName,
            Title = title,
            Description = SpecDocument.GetString(info, "description"),
            DefaultBaseUrl = server,
            Models = _models.OrderBy(m => m.Name, StringComparer.Ordinal).ToEquatableArray(),
            Enums = _enums.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            Resources = resources,
            Security = SecurityReader.Read(_document),
            BaseUrlVariable = SecurityReader.BaseUrlVariable(_document),
            Version = SpecDocument.GetString(info, "version"),
            LogVariable = SecurityReader.LogVariable(_document),
        });
    }
}

/// <summary>Compares by reference: YAML nodes are identified by where they are, not by what they hold.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<SpecNode>
{
    public static readonly ReferenceEqualityComparer Instance = new();

    public bool Equals(SpecNode? x, SpecNode? y) => ReferenceEquals(x, y);

    public int GetHashCode(SpecNode obj) => RuntimeHelpers.GetHashCode(obj);
}
