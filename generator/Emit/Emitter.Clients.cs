using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Model;

namespace Telnyx.Sip.Generator.Emit;

internal static partial class Emitter
{
    private const string Token = "global::System.Threading.CancellationToken";

    private static void EmitRootClient(SourceWriter w, ApiSpec spec)
    {
        string options = spec.ClientName + "Options";
        w.Doc("summary", spec.Title is null ? "The API client." : $"The client for the {spec.Title}.");
        w.Doc("remarks", (spec.Description is null ? "" : spec.Description + " ") + AuthenticationRemarks(spec, options));
        w.Line(GeneratedCode);
        w.Open($"public partial class {spec.ClientName}");
        EmitAuthentication(w, spec.Security);
        string[] secrets = spec.Models.SelectMany(m => m.Properties).Where(p => p.IsSecret).Select(p => p.WireName)
            .Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        w.Doc("summary", "JSON members the spec marks secret, redacted when bodies are logged.");
        w.Line($"private static readonly string[] SecretMembers = [{string.Join(", ", secrets.Select(Literal))}];");
        w.Line();
        w.Doc("summary", "What the spec says about the API: names, server, environment variables and security.");
        w.Line($"private static readonly {Runtime}.ApiDescriptor Api = new({Literal(options)})");
        w.Line("{");
        w.Indent();
        w.Line($"Title = {OptionalLiteral(spec.Title)},");
        w.Line($"Version = {OptionalLiteral(spec.Version)},");
        w.Line($"Namespace = {Literal(spec.Namespace)},");
        w.Line($"DefaultBaseUrl = {OptionalLiteral(spec.DefaultBaseUrl)},");
        w.Line($"BaseUrlVariable = {OptionalLiteral(spec.BaseUrlVariable)},");
        w.Line($"LogVariable = {OptionalLiteral(spec.LogVariable)},");
        w.Line("Authentication = Authentication,");
        w.Line("SecretMembers = SecretMembers,");
        w.Outdent();
        w.Line("};");
        if (spec.Webhooks is { } scheme)
        {
            w.Line();
            EmitWebhookScheme(w, scheme, options);
        }

        w.Line();
        w.Doc("summary", "Creates a client. Without options, settings come from the environment variables the spec names and the spec's server.");
        w.RawDoc($"<param name=\"options\">This client's settings; null for the defaults.</param>");
        w.Open($"public {spec.ClientName}({options}? options = null)");
        if (spec.Webhooks is { } webhooks)
        {
            // One options object for both: the webhook key and clock are read from the options the caller holds.
            w.Line($"options ??= new {options}();");
            w.Line($"Pipeline = new {Runtime}.ApiPipeline(options, Api);");
            w.Line($"Webhooks = new {Runtime}.WebhookReceiver<{webhooks.EventType.Name}>(options, WebhookScheme, {webhooks.EventType.Name}.ReadJson);");
        }
        else
        {
            w.Line($"Pipeline = new {Runtime}.ApiPipeline(options ?? new {options}(), Api);");
        }

        foreach (ResourceSpec resource in spec.Resources)
        {
            w.Line($"{resource.PropertyName} = new {resource.ClassName}(Pipeline);");
        }

        w.Close();
        w.Line();
        EmitMockingConstructor(w, spec.ClientName, new[] { "Pipeline" }.Concat(spec.Webhooks is null ? Enumerable.Empty<string>() : new[] { "Webhooks" })
            .Concat(spec.Resources.Select(r => r.PropertyName)));
        w.Line();
        w.Doc("summary", "The pipeline every call goes through: authentication, retries, timeouts, errors, traces and logs.");
        w.Line($"public {Runtime}.ApiPipeline Pipeline {{ get; }}");
        if (spec.Webhooks is { } receiver)
        {
            w.Line();
            EmitWebhooksProperty(w, receiver, options);
        }

        foreach (ResourceSpec resource in spec.Resources)
        {
            w.Line();
            WriteResourceSummary(w, resource);
            w.Line($"public virtual {resource.ClassName} {resource.PropertyName} {{ get; }}");
        }

        w.Close();
    }

    private static string OptionalLiteral(string? text) => text is null ? "null" : Literal(text);

    /// <summary>The spec's first server when it is an absolute http(s) URL: the client's default base URL (else TSG020).</summary>
    private static string? AbsoluteServer(ApiSpec spec) =>
        spec.DefaultBaseUrl is { } url && System.Uri.TryCreate(url, System.UriKind.Absolute, out System.Uri? uri) && uri.Scheme is "http" or "https"
            ? url
            : null;

    /// <summary>The client's own options type: only this client reads it, so one container can hold many clients.</summary>
    private static void EmitOptions(SourceWriter w, ApiSpec spec)
    {
        string options = spec.ClientName + "Options";
        w.RawDoc($"<summary>The settings of <see cref=\"{spec.ClientName}\"/>: credentials, base URL, timeout, retries, logging.</summary>");
        w.Doc("remarks", $"Only {spec.ClientName} reads these: with dependency injection, `Add{spec.ClientName}(configure)` and " +
            $"`services.Configure<{options}>(…)` configure this client and no other. " + AuthenticationRemarks(spec, options));
        w.Line(GeneratedCode);
        w.Open($"public sealed class {options} : {Runtime}.ClientOptions");
        if (AbsoluteServer(spec) is { } url)
        {
            w.Doc("summary", "The spec's first server: the base URL when neither BaseUrl" +
                (spec.BaseUrlVariable is null ? "" : $" nor the {spec.BaseUrlVariable} environment variable") + " sets one.");
            if (spec.ServerTemplate is { } template)
            {
                // Written as XML here, each spec string escaped, rather than as Markdown: a backtick or a tag in the
                // spec's text must not change the markup around it.
                static string Code(string text) => "<c>" + Escape.Xml(text) + "</c>";
                string remarks = $"The spec writes it as {Code(template)}, and its variables take their defaults: " +
                    string.Join("; ", spec.ServerVariables.Select(v => $"{Code(v.Name)} is {Code(v.Default)}" +
                        (v.Values.Count > 0 ? $" (one of {string.Join(", ", v.Values.Select(Code))})" : "") +
                        (v.Description is { } description ? ": " + Escape.Xml(description.TrimEnd('.')) : ""))) +
                    ". For another value, set BaseUrl to the URL it makes.";
                w.RawDoc("<remarks>");
                foreach (string line in XmlDoc.Wrap(remarks, 100))
                {
                    w.RawDoc(line);
                }

                w.RawDoc("</remarks>");
            }

            w.Line($"public const string DefaultBaseUrl = {Literal(url)};");
            w.Line();
        }

        w.Doc("summary", "Returns a copy of these options that sends through `httpClient`.");
        w.RawDoc("<param name=\"httpClient\">The client to send with; never disposed by the API client.</param>");
        w.RawDoc("<returns>The copy.</returns>");
        w.Line($"public new {options} WithHttpClient(global::System.Net.Http.HttpClient httpClient) => ({options})base.WithHttpClient(httpClient);");
        w.Close();
    }

    private static void EmitServiceCollectionExtensions(SourceWriter w, ApiSpec spec)
    {
        const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
        const string Builder = "global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder";
        string client = spec.ClientName;
        string options = client + "Options";
        w.Doc("summary", $"Registers `{client}` with the dependency-injection container, on an `HttpClient` from `IHttpClientFactory`.");
        w.Line(GeneratedCode);
        w.Open($"public static class {client}ServiceCollectionExtensions");
        w.Doc("summary", $"Registers `{client}` as a typed HTTP client. Its options are `{options}`, which no other client reads: " +
            $"bind them with `services.Configure<{options}>(…)`; `configure` is applied after that.");
        w.RawDoc("<param name=\"services\">The service collection.</param>");
        w.RawDoc("<param name=\"configure\">Sets this client's options in code; applied after any other configuration.</param>");
        w.RawDoc("<returns>The builder of the client's <c>HttpClient</c>, to add handlers (resilience, logging, …) in the usual way.</returns>");
        w.Open($"public static {Builder} Add{client}(this {Services} services, global::System.Action<{options}>? configure = null)");
        w.Line(NullCheck("services"));
        w.Line($"global::Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.AddOptions<{options}>(services);");
        w.Open("if (configure is not null)");
        w.Line($"global::Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure(services, configure);");
        w.Close();
        w.Line();
        w.Line($"{Builder} builder = global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, {Literal(spec.Namespace + "." + client)});");
        w.Line($"global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddTypedClient<{client}>(builder,");
        w.Line("    static (global::System.Net.Http.HttpClient httpClient, global::System.IServiceProvider provider) =>");
        w.Line("{");
        w.Indent();
        w.Line($"{options} configured = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions");
        w.Line($"    .GetRequiredService<global::Microsoft.Extensions.Options.IOptions<{options}>>(provider).Value;");
        w.Line("// The client applies its own per-attempt timeout; the factory's 100 s default must not cut it short.");
        w.Line("httpClient.Timeout = global::System.Threading.Timeout.InfiniteTimeSpan;");
        w.Line($"{options} options = configured.WithHttpClient(httpClient);");
        w.Line("options.LoggerFactory ??= global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions");
        w.Line("    .GetService<global::Microsoft.Extensions.Logging.ILoggerFactory>(provider);");
        w.Line($"return new {client}(options);");
        w.Outdent();
        w.Line("});");
        w.Line("return builder;");
        w.Close();
        w.Close();
    }

    private static string ResourceDescription(ResourceSpec resource)
    {
        string template = resource.Operations.Select(o => o.PathTemplate).OrderBy(p => p.Length).FirstOrDefault() ?? resource.PropertyName;
        return $"<c>{Escape.Xml(template)}</c>";
    }

    /// <summary>A resource's summary: its tag's (OpenAPI 3.2), else the path its operations share.</summary>
    private static void WriteResourceSummary(SourceWriter w, ResourceSpec resource)
    {
        if (resource.Doc.Summary is { } summary)
        {
            w.Doc("summary", summary);
        }
        else
        {
            w.RawDoc($"<summary>The {ResourceDescription(resource)} operations.</summary>");
        }
    }

    private static void EmitResource(SourceWriter w, ResourceSpec resource)
    {
        WriteResourceSummary(w, resource);
        if (resource.Doc.Summary is not null)
        {
            string template = resource.Operations.Select(o => o.PathTemplate).OrderBy(p => p.Length).FirstOrDefault() ?? resource.PropertyName;
            w.Doc("remarks", string.Concat(resource.Doc.Remarks.Select(r => r + " ")) + $"The `{template}` operations.");
        }

        w.Line(GeneratedCode);
        w.Open($"public partial class {resource.ClassName}");
        w.Line($"private readonly {Runtime}.ApiPipeline _pipeline;");
        w.Line();
        w.Open($"internal {resource.ClassName}({Runtime}.ApiPipeline pipeline)");
        w.Line("_pipeline = pipeline;");
        foreach (ResourceSpec child in resource.Children)
        {
            w.Line($"{child.PropertyName} = new {child.ClassName}(pipeline);");
        }

        w.Close();
        w.Line();
        EmitMockingConstructor(w, resource.ClassName, new[] { "_pipeline" }.Concat(resource.Children.Select(c => c.PropertyName)));
        foreach (ResourceSpec child in resource.Children)
        {
            w.Line();
            WriteResourceSummary(w, child);
            w.Line($"public virtual {child.ClassName} {child.PropertyName} {{ get; }}");
        }

        foreach (OperationSpec operation in resource.Operations)
        {
            w.Line();
            EmitOperation(w, operation);
        }

        w.Close();
    }

    /// <summary>The constructor mocking libraries call; what it leaves unset is what a mock overrides.</summary>
    private static void EmitMockingConstructor(SourceWriter w, string className, IEnumerable<string> members)
    {
        w.Doc("summary", "For mocking libraries and test doubles: a client made this way sends nothing; override the members a test uses.");
        w.Open($"protected {className}()");
        foreach (string member in members)
        {
            w.Line($"{member} = null!;");
        }

        w.Close();
    }

    private static void EmitOperation(SourceWriter w, OperationSpec operation)
    {
        EmitOperationMethods(w, operation);
        if (operation.ItemStream is { } stream)
        {
            if (operation.ResponseKind != ResponseKind.Items)
            {
                w.Line();
            }

            EmitItemStreamOperation(w, operation, stream);
        }
    }

    private static void EmitOperationMethods(SourceWriter w, OperationSpec operation)
    {
        (string parameterList, string argumentList) = Parameters(operation);

        switch (operation.ResponseKind)
        {
            case ResponseKind.Items:
                return; // The only method is the item stream's.
            case ResponseKind.Page:
                EmitPagedOperation(w, operation, parameterList);
                return;
            case ResponseKind.Stream:
                WriteOperationDoc(w, operation, "The body as a stream, with the status, headers and request id; dispose it when done.");
                WriteObsolete(w, operation);
                w.Open($"public virtual global::System.Threading.Tasks.Task<{Runtime}.ApiStreamResponse> {operation.MethodName}Async({parameterList})");
                WriteRequest(w, operation);
                w.Line("return _pipeline.SendStreamAsync(request, options, cancellationToken);");
                w.Close();
                return;
            case ResponseKind.None:
                WriteOperationDoc(w, operation, "The status, headers and request id of the response.");
                WriteObsolete(w, operation);
                w.Open($"public virtual global::System.Threading.Tasks.Task<{Runtime}.ApiResponse> {operation.MethodName}Async({parameterList})");
                WriteRequest(w, operation);
                w.Line("return _pipeline.SendAsync(request, options, cancellationToken);");
                w.Close();
                return;
        }

        TypeRef result = operation.ResponseType!;
        WriteOperationDoc(w, operation, operation.ResponseKind == ResponseKind.Data ? "The <c>data</c> member of the response." : "The response body.");
        WriteObsolete(w, operation);
        w.Line($"public virtual async global::System.Threading.Tasks.Task<{result.Name}> {operation.MethodName}Async({parameterList}) =>");
        w.Line($"    (await {operation.MethodName}WithResponseAsync({argumentList}).ConfigureAwait(false)).Value;");
        w.Line();
        WriteOperationDoc(w, operation, "The parsed value with the response's status, headers and request id.");
        WriteObsolete(w, operation);
        w.Open($"public virtual global::System.Threading.Tasks.Task<{Runtime}.ApiResponse<{result.Name}>> {operation.MethodName}WithResponseAsync({parameterList})");
        WriteRequest(w, operation);
        w.Line($"return _pipeline.SendAsync<{result.Name}>(request, {ItemReader(result)}, unwrapData: {(operation.ResponseKind == ResponseKind.Data ? "true" : "false")}, options, cancellationToken);");
        w.Close();
    }

    /// <summary>A method's parameter list and the arguments that pass them on: path parameters, body, query, headers, options, token.</summary>
    private static (string Parameters, string Arguments) Parameters(OperationSpec operation)
    {
        var parameters = new List<string>();
        var arguments = new List<string>();
        foreach (ParameterSpec parameter in operation.PathParameters)
        {
            parameters.Add($"{PropertyType(parameter.Type, false)} {parameter.Name}");
            arguments.Add(parameter.Name);
        }

        bool optionalBody = operation.Body is not null && !operation.BodyRequired;
        if (operation.Body is { } body)
        {
            parameters.Add(optionalBody ? $"{body.Name}? body = null" : $"{body.Name} body");
            arguments.Add("body");
        }

        if (operation.QueryClass is { } queryClass)
        {
            parameters.Add($"{queryClass}? parameters = null");
            arguments.Add("parameters");
        }

        if (operation.QueryString is { } queryString)
        {
            // A required one goes before the optional parameters, right after the path's.
            int at = operation.QueryStringRequired ? operation.PathParameters.Count : parameters.Count;
            parameters.Insert(at, operation.QueryStringRequired ? $"{queryString.Type.Name} {queryString.Name}" : $"{queryString.Type.Name}? {queryString.Name} = null");
            arguments.Insert(at, queryString.Name);
        }

        foreach (ParameterSpec header in operation.HeaderParameters)
        {
            parameters.Add($"string? {header.Name} = null");
            arguments.Add(header.Name);
        }

        parameters.Add($"{Runtime}.RequestOptions? options = null");
        arguments.Add("options");
        parameters.Add($"{Token} cancellationToken = default");
        arguments.Add("cancellationToken");
        return (string.Join(", ", parameters), string.Join(", ", arguments));
    }

    private static string ParameterList(OperationSpec operation) => Parameters(operation).Parameters;

    /// <summary>The method returning a streamed response's items as they arrive (server-sent events, JSON Lines, …).</summary>
    private static void EmitItemStreamOperation(SourceWriter w, OperationSpec operation, ItemStreamSpec stream)
    {
        string parameterList = ParameterList(operation);
        WriteOperationDoc(w, operation,
            $"The response's status, headers and request id, once the headers are in; <c>await foreach</c> over it yields each item (<c>{Escape.Xml(stream.MediaType)}</c>) as it arrives. " +
            "Leaving the loop, cancelling or disposing it closes the connection.", items: true);
        WriteObsolete(w, operation);
        string itemStream = $"{Runtime}.ApiItemStream<{stream.Item.Name}>";
        w.Open($"public virtual global::System.Threading.Tasks.Task<{itemStream}> {stream.MethodName}Async({parameterList})");
        WriteRequest(w, operation);
        w.Line($"request.Accept = {Literal(stream.MediaType)};");
        string eventTypes = stream.EventTypes.Count == 0 ? "null" : "[" + string.Join(", ", stream.EventTypes.Select(Literal)) + "]";
        w.Line($"return _pipeline.SendItemStreamAsync<{stream.Item.Name}>(request, {Runtime}.ItemStreamFormat.{stream.Format}, {ItemReader(stream.Item)}, {eventTypes}, options, cancellationToken);");
        w.Close();
    }

    private static void EmitPagedOperation(SourceWriter w, OperationSpec operation, string parameterList)
    {
        TypeRef item = operation.ResponseType!;
        string queryClass = operation.QueryClass!;
        WriteOperationDoc(w, operation, "Every item of every page; the next page is fetched when the previous one is used up. Use AsPages() for the pages and their meta.");
        WriteObsolete(w, operation);
        string pathArguments = string.Concat(operation.PathParameters.Concat(operation.HeaderParameters).Select(p => p.Name + ", "));
        string pathParameters = string.Concat(operation.PathParameters.Select(p => $"{PropertyType(p.Type, false)} {p.Name}, ")
            .Concat(operation.HeaderParameters.Select(p => $"string? {p.Name}, ")));
        w.Open($"public virtual {Runtime}.AsyncPageable<{item.Name}> {operation.MethodName}Async({parameterList})");
        foreach (ParameterSpec parameter in operation.PathParameters.Where(p => p.Type.Kind is TypeKind.String or TypeKind.List))
        {
            w.Line(NullCheck(parameter.Name));
        }

        w.Line($"return {Runtime}.Pageables.ByPageNumber<{item.Name}>(");
        w.Line($"    (pageNumber, token) => {operation.MethodName}PageAsync({pathArguments}parameters, pageNumber, options, token),");
        w.Line($"    parameters?.{operation.PageNumberAccess},");
        w.Line("    cancellationToken);");
        w.Close();
        w.Line();
        w.Open($"private global::System.Threading.Tasks.Task<{Runtime}.Page<{item.Name}>> {operation.MethodName}PageAsync({pathParameters}{queryClass}? parameters, int pageNumber, {Runtime}.RequestOptions? options, {Token} cancellationToken)");
        WriteRequest(w, operation, checkArguments: false);
        w.Line($"request.Query.Set({Literal(operation.PageNumberKey!)}, pageNumber);");
        w.Line($"return _pipeline.SendPageAsync<{item.Name}>(request, {ItemReader(item)}, options, cancellationToken);");
        w.Close();
    }

    private static void WriteRequest(SourceWriter w, OperationSpec operation, bool checkArguments = true)
    {
        foreach (ParameterSpec parameter in operation.PathParameters.Where(p => checkArguments && p.Type.Kind is TypeKind.String or TypeKind.List))
        {
            w.Line(NullCheck(parameter.Name));
        }

        if (operation.Body is { IsValueType: false } && operation.BodyRequired)
        {
            w.Line(NullCheck("body"));
        }

        if (operation.QueryString is { } required && operation.QueryStringRequired)
        {
            w.Line(NullCheck(required.Name));
        }

        var path = new List<string>();
        var literal = new System.Text.StringBuilder();
        for (int i = 0; i < operation.Path.Count; i++)
        {
            PathPart part = operation.Path[i];
            if (i > 0)
            {
                literal.Append('/');
            }

            if (!part.IsParameter)
            {
                literal.Append(part.Text);
                continue;
            }

            if (literal.Length > 0)
            {
                path.Add(Literal(literal.ToString()));
                literal.Clear();
            }

            ParameterSpec parameter = operation.PathParameters.First(p => p.WireName == part.Text);
            path.Add(parameter.Type.Kind switch
            {
                TypeKind.String => $"{Runtime}.PathSegment.Escape({parameter.Name})",
                TypeKind.Enum => $"{Runtime}.PathSegment.Escape({parameter.Name}.Value)",
                TypeKind.List => $"string.Join(\",\", global::System.Linq.Enumerable.Select({parameter.Name}, static item => {Runtime}.PathSegment.Escape({QueryText(parameter.Type.Element!, "item")})))",
                _ => $"{parameter.Name}.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
            });
        }

        if (literal.Length > 0 || path.Count == 0)
        {
            path.Add(Literal(literal.ToString()));
        }

        w.Line($"var request = new {Runtime}.ApiRequest({HttpMethodName(operation.HttpMethod)}, {string.Join(" + ", path)}, {Literal(operation.OperationId)}, {Literal(operation.PathTemplate)});");
        WriteErrorReader(w, operation);
        if (operation.QueryClass is not null)
        {
            w.Line("parameters?.AppendQuery(request.Query);");
        }

        if (operation.QueryString is { } queryString)
        {
            w.Line(operation.QueryStringRequired ? $"{queryString.Name}.AppendQuery(request.Query);" : $"{queryString.Name}?.AppendQuery(request.Query);");
        }

        foreach (ParameterSpec header in operation.HeaderParameters)
        {
            w.Line($"request.SetHeader({Literal(header.WireName)}, {header.Name});");
        }

        if (operation.Body is { } bodyType)
        {
            string assign = operation.BodyKind switch
            {
                BodyKind.Binary => $"request.SetStream(body, {Literal(operation.BodyMediaType!)});",
                BodyKind.Multipart => "request.SetMultipart(body);",
                BodyKind.Form => "request.SetForm(body);",
                _ when bodyType.Kind == TypeKind.Model => "request.Body = body.WriteJson;",
                _ => $"request.Body = writer => {WriteStatement(bodyType, false, operation.BodyRequired ? "body" : bodyType.IsValueType ? "body.GetValueOrDefault()" : "body!", "writer")}",
            };
            w.Line(operation.BodyRequired ? assign : "if (body is not null) " + assign);
        }
    }

    /// <summary>Tells the pipeline which generated type each error status's body is read as.</summary>
    private static void WriteErrorReader(SourceWriter w, OperationSpec operation)
    {
        if (operation.ErrorResponses.Count == 0)
        {
            return;
        }

        string fallback = operation.ErrorResponses.LastOrDefault(e => e.Kind == ErrorStatus.Default) is { } other
            ? $"{other.Type.Name}.ReadJson(ref reader)"
            : "null";
        if (operation.ErrorResponses.All(e => e.Kind == ErrorStatus.Default))
        {
            w.Line($"request.ReadError = static (int status, ref {Reader} reader) => {fallback};");
            return;
        }

        w.Line($"request.ReadError = static (int status, ref {Reader} reader) => status switch");
        w.Line("{");
        w.Indent();

        // Exact statuses never overlap, so those of one type share an arm; ranges come after them, as in the spec.
        foreach (ErrorStatus kind in new[] { ErrorStatus.Exact, ErrorStatus.Range })
        {
            foreach (var group in operation.ErrorResponses.Where(e => e.Kind == kind).GroupBy(e => e.Type.Name))
            {
                string pattern = string.Join(" or ", group.Select(e => kind == ErrorStatus.Exact ? e.Status : $"(>= {e.Status[0]}00 and <= {e.Status[0]}99)"));
                w.Line($"{pattern} => {group.Key}.ReadJson(ref reader),");
            }
        }

        w.Line($"_ => {fallback},");
        w.Outdent();
        w.Line("};");
    }

    /// <summary>"a <see cref="ErrorResponse"/> for 400, 401 and 403": which type the exception's Body holds, by status.</summary>
    private static string ErrorBodyDoc(OperationSpec operation)
    {
        if (operation.ErrorResponses.Count == 0)
        {
            return "";
        }

        var parts = operation.ErrorResponses.GroupBy(e => e.Type.Name).Select(group =>
            $"a <see cref=\"{group.Key}\"/> for " + string.Join(", ", group.Select(e => e.Kind != ErrorStatus.Default ? e.Status
                : operation.ErrorResponses.Count == 1 ? "every error status" : "any other status")));
        return $" Its <see cref=\"{Runtime}.ApiException.Body\"/> is {string.Join("; ", parts)}.";
    }

    private static string HttpMethodName(string method) => method switch
    {
        "GET" => "global::System.Net.Http.HttpMethod.Get",
        "POST" => "global::System.Net.Http.HttpMethod.Post",
        "PUT" => "global::System.Net.Http.HttpMethod.Put",
        "PATCH" => $"{Runtime}.ApiRequest.Patch", // HttpMethod.Patch is .NET Core only
        "DELETE" => "global::System.Net.Http.HttpMethod.Delete",
        "HEAD" => "global::System.Net.Http.HttpMethod.Head",
        "OPTIONS" => "global::System.Net.Http.HttpMethod.Options",
        _ => $"{Runtime}.ApiRequest.MethodNamed({Literal(method)})", // QUERY (OpenAPI 3.2) and additionalOperations
    };

    private static void WriteObsolete(SourceWriter w, OperationSpec operation)
    {
        if (operation.Deprecated)
        {
            w.Line("[global::System.Obsolete(\"The API marks this operation as deprecated.\")]");
        }
    }

    private static void WriteOperationDoc(SourceWriter w, OperationSpec operation, string returns, bool items = false)
    {
        w.Doc("summary", operation.Doc.Summary ?? operation.OperationId);
        string sends = $"Sends `{operation.HttpMethod} {operation.PathTemplate}` (operation `{operation.OperationId}`).";
        w.Doc("remarks", string.Join(" ", operation.Doc.Remarks.Concat(new[] { sends })));
        foreach (ParameterSpec parameter in operation.PathParameters)
        {
            w.Doc("param", parameter.Doc.Summary ?? $"The `{parameter.WireName}` path parameter.", $"name=\"{parameter.Name.TrimStart('@')}\"");
        }

        if (operation.Body is not null)
        {
            w.Doc("param", operation.BodyKind switch
            {
                BodyKind.Binary => $"The request body, sent as `{operation.BodyMediaType}`. A stream that cannot seek is sent once, without retries.",
                BodyKind.Multipart => "The request body, sent as `multipart/form-data`.",
                BodyKind.Form => "The request body's fields, sent as `application/x-www-form-urlencoded`.",
                _ => "The request body.",
            }, "name=\"body\"");
        }

        if (operation.QueryClass is not null)
        {
            w.Doc("param", "The query parameters; null sends none.", "name=\"parameters\"");
        }

        if (operation.QueryString is { } queryString)
        {
            w.Doc("param", (queryString.Doc.Summary is { } summary ? summary + " " : "") +
                $"The whole query string (`{queryString.WireName}`), sent form-encoded" + (operation.QueryStringRequired ? "." : "; null sends none.") +
                string.Concat(queryString.Doc.Remarks.Select(r => " " + r)),
                $"name=\"{queryString.Name.TrimStart('@')}\"");
        }

        foreach (ParameterSpec header in operation.HeaderParameters)
        {
            w.Doc("param", (header.Doc.Summary ?? "") + $" Sent as the `{header.WireName}` header; null sends none.", $"name=\"{header.Name.TrimStart('@')}\"");
        }

        w.RawDoc("<param name=\"options\">Overrides of the client's timeout, retries and headers for this call, and its idempotency key.</param>");
        w.RawDoc(items
            ? "<param name=\"cancellationToken\">Cancels the call, including any wait between retries, and the reading of the items (closing the connection).</param>"
            : "<param name=\"cancellationToken\">Cancels the call, including any wait between retries.</param>");
        w.RawDoc($"<returns>{returns}</returns>");
        string when = operation.ResponseKind == ResponseKind.Page ? " (while enumerating: each page is a call)" : "";
        w.RawDoc($"<exception cref=\"global::Telnyx.Sip.Runtime.ApiException\">The API answered with an error status{when}; the subclass tells which (<see cref=\"global::Telnyx.Sip.Runtime.NotFoundException\"/>, <see cref=\"global::Telnyx.Sip.Runtime.UnprocessableEntityException\"/>, …).{ErrorBodyDoc(operation)}</exception>");
        w.RawDoc($"<exception cref=\"global::Telnyx.Sip.Runtime.ApiTimeoutException\">Every attempt ran past the timeout{when}.</exception>");
        w.RawDoc($"<exception cref=\"global::Telnyx.Sip.Runtime.ApiConnectionException\">No response arrived{when}, after the retries the request allows.</exception>");
        if (items)
        {
            w.RawDoc("<exception cref=\"global::Telnyx.Sip.Runtime.ApiSerializationException\">While enumerating: an item is not JSON or not the shape the spec describes; thrown after the items before it, with the item's text in <c>RawBody</c>.</exception>");
        }
        else if (operation.ResponseKind is ResponseKind.Body or ResponseKind.Data or ResponseKind.Page)
        {
            w.RawDoc($"<exception cref=\"global::Telnyx.Sip.Runtime.ApiSerializationException\">The response body is not JSON or not the shape the spec describes{when}. A single member that does not fit does not throw here: reading that property does.</exception>");
        }

        w.RawDoc("<exception cref=\"global::System.OperationCanceledException\">The <paramref name=\"cancellationToken\"/> was cancelled.</exception>");
    }

    /// <summary>An argument check that every target framework has (<c>ArgumentNullException.ThrowIfNull</c> is .NET 6+).</summary>
    private static string NullCheck(string parameter) =>
        $"if ({parameter} is null) throw new global::System.ArgumentNullException(nameof({parameter}));";
}
