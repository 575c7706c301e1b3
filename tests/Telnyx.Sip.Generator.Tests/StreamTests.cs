using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// Streamed responses in the generator: which responses get an item stream method, with which format, item type and
/// event types; the snapshots of our two streaming specs; TSG040 and TSG041.
/// </summary>
public class StreamTests
{
    private static string ClientSpec(string name) =>
        File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", name));

    private static ApiSpec Model(string text) =>
        ApiModelBuilder.Build(new Reading.SpecInput("/project/specs/api.yaml", text, null, null, true), default).Spec!;

    private static OperationSpec Operation(ApiSpec spec, string operationId) =>
        spec.Resources.WithDescendants().SelectMany(r => r.Operations).Single(o => o.OperationId == operationId);

    [Theory]
    [InlineData("streams")]
    [InlineData("chat-events")]
    public void GeneratedCodeForTheStreamingSpecsMatchesTheSnapshots(string name)
    {
        var (result, _) = GeneratorHarness.Run(ClientSpec(name + ".yaml"), $"/project/specs/{name}.yaml");
        var files = result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        string report = Snapshot.Compare(name, files);

        Assert.True(report.Length == 0, report);
    }

    [Theory]
    [InlineData("streams.yaml")]
    [InlineData("chat-events.yaml")]
    public void TheStreamingSpecsCompileWithoutAnyDiagnosticUnderTheStrictestBuild(string name)
    {
        var (generator, compiler, _) = GeneratorHarness.RunStrict(ClientSpec(name));

        Assert.Empty(generator);
        Assert.Empty(compiler);
    }

    [Fact]
    public void EachSequentialMediaTypeOfTheOpenApi32SpecGetsItsFormatItemTypeAndEventTypes()
    {
        ApiSpec spec = Model(ClientSpec("streams.yaml"));

        string Describe(string id) => Operation(spec, id) is { ItemStream: { } s } o
            ? $"{o.ResponseKind} {s.MethodName} {s.MediaType} {s.Format} {s.Item.Name} [{string.Join(",", s.EventTypes)}]"
            : "none";

        Assert.Equal("Items Watch text/event-stream ServerSentEvents global::Streams.Tick [tick]", Describe("watchTicks"));
        Assert.Equal("Items Tail application/jsonl JsonLines global::Streams.LogEntry []", Describe("tailLogs"));
        Assert.Equal("Items Download application/x-ndjson JsonLines global::Streams.LogEntry []", Describe("downloadExport"));
        Assert.Equal("Items Retrieve application/json-seq JsonSequence global::Streams.LogEntry []", Describe("readSequence"));
        Assert.Equal("Body CreateStream text/event-stream ServerSentEvents global::Streams.CompletionChunk []", Describe("createCompletion"));
    }

    [Fact]
    public void AnOpenApi31EventStreamSchemaIsTheTypeOfEachEventsData()
    {
        ApiSpec spec = Model(ClientSpec("chat-events.yaml"));

        OperationSpec chat = Operation(spec, "createChatCompletion");
        OperationSpec responses = Operation(spec, "createResponse");

        Assert.Equal((ResponseKind.Body, "CreateStream", "global::Chat.Events.ChatCompletionChunk"), (chat.ResponseKind, chat.ItemStream!.MethodName, chat.ItemStream.Item.Name));
        Assert.Equal((ResponseKind.Items, "Create", "global::Chat.Events.ResponseStreamEvent"), (responses.ResponseKind, responses.ItemStream!.MethodName, responses.ItemStream.Item.Name));
    }

    private const string Head = """
        openapi: 3.2.0
        info:
          title: Events API
          version: 1.0.0
        servers:
        - url: https://events.example.com
        paths:
          /events:
            get:
              operationId: listEvents
              responses:
                '200':
                  description: ok
                  content:

        """;

    private const string Components = """

        components:
          schemas:
            A:
              type: object
              properties:
                a:
                  type: string
            B:
              type: object
              properties:
                b:
                  type: string
        """;

    [Fact]
    public void EventsWhoseDataHaveDifferentTypesGetTsg040AtTheItemSchemaAndARawStream()
    {
        string spec = Head + """
                            text/event-stream:
                              itemSchema:
                                oneOf:
                                - properties:
                                    event: {const: a}
                                    data: {contentMediaType: application/json, contentSchema: {$ref: '#/components/schemas/A'}}
                                - properties:
                                    event: {const: b}
                                    data: {contentMediaType: application/json, contentSchema: {$ref: '#/components/schemas/B'}}
            """ + Components;

        var (result, output) = GeneratorHarness.Run(spec, "/project/specs/api.yaml");

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TSG040", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal(
            "The text/event-stream response of 'listEvents' declares events whose data have different types (A, B); the method returns the body as a raw stream. " +
            "Give the events' data one JSON schema (a oneOf of the variants) as their 'contentSchema' to get typed items.",
            diagnostic.GetMessage());
        Assert.Equal(17, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("Task<global::Telnyx.Sip.Runtime.ApiStreamResponse> ListAsync("));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void EventsWithoutAJsonDataSchemaGetTsg040()
    {
        string spec = Head + """
                            text/event-stream:
                              itemSchema:
                                properties:
                                  event: {type: string}
                                  data: {type: string}
            """ + Components;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(spec, "/project/specs/api.yaml").Result.Diagnostics);

        Assert.Equal("TSG040", diagnostic.Id);
        Assert.Contains("declares no JSON type for its events' data (no 'contentSchema' under 'data')", diagnostic.GetMessage());
    }

    [Fact]
    public void EventVariantsSharingOneDataSchemaGiveOneItemTypeAndTheirEventNames()
    {
        string spec = Head + """
                            text/event-stream:
                              itemSchema:
                                anyOf:
                                - properties:
                                    event: {enum: [created, updated]}
                                    data: {contentSchema: {$ref: '#/components/schemas/A'}}
                                - properties:
                                    event: {const: deleted}
                                    data: {contentSchema: {$ref: '#/components/schemas/A'}}
            """ + Components;

        ItemStreamSpec stream = Operation(Model(spec), "listEvents").ItemStream!;

        Assert.Equal("global::Events.A", stream.Item.Name);
        Assert.Equal(["created", "updated", "deleted"], stream.EventTypes);
    }

    [Fact]
    public void AnItemSchemaOnAMediaTypeThatIsNotSequentialGetsTsg041AndIsIgnored()
    {
        string spec = Head + """
                            application/json:
                              schema:
                                $ref: '#/components/schemas/A'
                              itemSchema:
                                $ref: '#/components/schemas/B'
            """ + Components;

        var (result, output) = GeneratorHarness.Run(spec, "/project/specs/api.yaml");

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TSG041", diagnostic.Id);
        Assert.StartsWith("The application/json content of 'listEvents' has an 'itemSchema'", diagnostic.GetMessage());
        Assert.Equal(19, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("Task<global::Events.A> ListAsync("));
    }

    [Fact]
    public void AnEventStreamWithoutASchemaStaysARawStreamWithoutADiagnostic()
    {
        string spec = (Head + """
                            text/event-stream: {}
            """ + Components).Replace("openapi: 3.2.0", "openapi: 3.0.3");

        var (result, output) = GeneratorHarness.Run(spec, "/project/specs/api.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("Task<global::Telnyx.Sip.Runtime.ApiStreamResponse> ListAsync("));
    }

    [Fact]
    public void ABinaryBodyBesideAnEventStreamKeepsTheMethodAndTheEventsGetTheirOwn()
    {
        string spec = (Head + """
                            audio/mpeg:
                              schema: {type: string, format: binary}
                            text/event-stream:
                              schema:
                                $ref: '#/components/schemas/A'
            """ + Components).Replace("openapi: 3.2.0", "openapi: 3.1.0");

        OperationSpec operation = Operation(Model(spec), "listEvents");

        Assert.Equal((ResponseKind.Stream, "ListStream", "global::Events.A"), (operation.ResponseKind, operation.ItemStream!.MethodName, operation.ItemStream.Item.Name));
    }

    [Fact]
    public void AJsonLinesSchemaInAnOpenApi30SpecIsTheItemType()
    {
        string spec = (Head + """
                            application/x-ndjson:
                              schema:
                                $ref: '#/components/schemas/B'
            """ + Components).Replace("openapi: 3.2.0", "openapi: 3.0.3");

        OperationSpec operation = Operation(Model(spec), "listEvents");

        Assert.Equal((ResponseKind.Items, "JsonLines", "global::Events.B"), (operation.ResponseKind, operation.ItemStream!.Format, operation.ItemStream.Item.Name));
    }
}

/// <summary>The README's "Streamed responses" example, compiled against the spec it quotes.</summary>
public class ReadmeStreamExampleTests
{
    [Fact]
    public void TheReadmeStreamExampleCompilesAgainstTheStreamingSpec()
    {
        string readme = File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "README.md"));
        int section = readme.IndexOf("### Streamed responses", System.StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '### Streamed responses' section.");
        var block = System.Text.RegularExpressions.Regex.Match(readme[section..], "```csharp\\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(block.Success, "The 'Streamed responses' section has no C# example.");
        string[] lines = block.Groups[1].Value.Split('\n');
        string source = string.Join("\n", lines.Where(l => l.StartsWith("using ", System.StringComparison.Ordinal))) +
                        "\nusing System;\npublic static class StreamExample\n{\n    public static async System.Threading.Tasks.Task RunAsync()\n    {\n" +
                        string.Join("\n", lines.Where(l => !l.StartsWith("using ", System.StringComparison.Ordinal))) + "\n    }\n}\n";
        string spec = File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "streams.yaml"));

        var (result, output) = GeneratorHarness.Run(spec, "/project/specs/streams.yaml", null, source);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("CreateStreamAsync", source);
    }
}
