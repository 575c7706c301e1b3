using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>Which files are specs, how their item metadata is read, and YAML that YamlDotNet alone refuses.</summary>
public class SpecInputTests
{
    private const string Tagged = """
        openapi: 3.1.0
        info:
          title: Zoo API
          version: 1.0.0
        paths:
          /cats:
            get:
              operationId: ListCats
              tags: [Cats]
              responses:
                '204':
                  description: none
          /dogs:
            get:
              operationId: ListDogs
              tags: [Dogs]
              responses:
                '204':
                  description: none
          /birds:
            get:
              operationId: ListBirds
              tags: [Birds]
              responses:
                '204':
                  description: none
        servers:
        - url: https://zoo.example.com/v1
        """;

    private static GeneratorRunResult Run(string spec, string path, Dictionary<string, string>? metadata = null) =>
        GeneratorHarness.Run(spec, path, metadata).Result.Results.Single();

    private static string[] Resources(GeneratorRunResult result) =>
        result.GeneratedSources.Select(s => s.HintName).Where(n => n.EndsWith("sClient.g.cs") && !n.Contains("ZooClient")).OrderBy(n => n).ToArray();

    [Theory]
    [InlineData("OpenApiIncludeTags", "Cats,Dogs")]
    [InlineData("OpenApiIncludeTags", "Cats, Dogs")]
    [InlineData("OpenApiIncludeTags", "Cats;Dogs")]
    [InlineData("OpenApiIncludePaths", "/cats,/dogs")]
    public void ListMetadataTakesSeveralValuesSeparatedByCommas(string name, string value)
    {
        GeneratorRunResult result = Run(Tagged, "/project/specs/zoo.yaml", new() { [name] = value });

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "Zoo.CatsClient.g.cs", "Zoo.DogsClient.g.cs" }, Resources(result));
    }

    [Fact]
    public void AJsonSpecWhoseOpenApiKeyComesAfterItsComponentsIsFound()
    {
        // Sorted keys, as Stripe and Twilio publish them: 'openapi' far beyond the first 4 KB.
        var padding = string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"S{i}\":{{\"type\":\"object\",\"description\":\"openapi: {{\\\"x\\\"}}\"}}"));
        string json = "{\"components\":{\"schemas\":{" + padding + "}},\"info\":{\"title\":\"Sorted API\",\"version\":\"1\"},\"openapi\":\"3.0.3\",\"paths\":{},\"servers\":[{\"url\":\"https://sorted.example.com\"}]}";
        Assert.True(json.IndexOf("\"openapi\"") > 4096);

        GeneratorRunResult result = Run(json, "/project/specs/sorted.json");

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Sorted.SortedClient.g.cs");
    }

    [Fact]
    public void AJsonFileWithAnOpenApiKeyOnlyInsideAnObjectIsNotASpec()
    {
        GeneratorRunResult result = Run("""{"config":{"openapi":"3.1.0"},"name":"x"}""", "/project/specs/config.json");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("/project/specs/petstore.yaml", "swagger: '2.0'\ninfo:\n  title: Petstore\n  version: 1.0.0\npaths: {}\n", 1)]
    [InlineData("/project/specs/petstore.json", "{\n  \"info\": {\"title\": \"Petstore\", \"version\": \"1\"},\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}", 3)]
    public void ASwagger2DocumentIsReportedWithWhatToDo(string path, string text, int line)
    {
        GeneratorRunResult result = Run(text, path);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TSG008", diagnostic.Id);
        Assert.Contains("Swagger 2.0", diagnostic.GetMessage());
        Assert.Contains("swagger2openapi", diagnostic.GetMessage());
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void AnOptedInFileThatIsNotOpenApiKeepsItsError()
    {
        GeneratorRunResult result = Run("{\"name\": \"x\"}", "/project/specs/x.json", new() { ["OpenApiSpec"] = "true" });

        Assert.Equal("TSG002", Assert.Single(result.Diagnostics).Id);
    }

    private const string BlockScalarOfSpaces = "openapi: 3.1.0\n" +
        "info:\n" +
        "  title: Blocks API\n" +
        "  version: 1.0.0\n" +
        "paths:\n" +
        "  /items:\n" +
        "    get:\n" +
        "      operationId: ListItems\n" +
        "      responses:\n" +
        "        '200':\n" +
        "          description: |+\n" +
        "                    \n" +       // only spaces, more than the next line's indentation: valid YAML 1.2
        "          content:\n" +
        "            application/json:\n" +
        "              example: |\n" +
        "                   \n" +
        "              schema:\n" +
        "                type: object\n" +
        "servers:\n" +
        "- url: https://blocks.example.com/v1\n";

    [Fact]
    public void ABlockScalarWhoseOnlyLineIsSpacesReads()
    {
        var (run, output) = GeneratorHarness.Run(BlockScalarOfSpaces, "/project/specs/blocks.yaml");

        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == "Blocks.BlocksClient.g.cs");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("      description: >-")]
    [InlineData("      description: |+ # a comment")]
    [InlineData("      description:\t|")]
    [InlineData("      x-notes:\n      - >-")]
    [InlineData("      x-notes:\n      -   |-   # a comment")]
    public void EveryFormOfBlockScalarHeaderIsFollowedByItsSpacesOnlyLine(string header)
    {
        string spec = "openapi: 3.1.0\ninfo:\n  title: Blocks API\n  version: 1.0.0\n" +
            "servers:\n- url: https://blocks.example.com/v1\npaths:\n  /items:\n    get:\n      operationId: ListItems\n" +
            header + "\n                    \n" +
            "      responses:\n        '200':\n          description: OK\n";

        Assert.Empty(Run(spec, "/project/specs/blocks.yaml").Diagnostics);
    }

    [Fact]
    public void AfterSuchABlockScalarDiagnosticsKeepTheirLineAndColumn()
    {
        string spec = BlockScalarOfSpaces + "components:\n  schemas:\n    Broken:\n      $ref: '#/components/schemas/Missing'\n";

        Diagnostic diagnostic = Assert.Single(Run(spec, "/project/specs/blocks.yaml").Diagnostics);

        Assert.Equal("TSG004", diagnostic.Id);
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((24, 13), (position.Line + 1, position.Character + 1));
    }

    [Fact]
    public void ASpecWithoutSecurityGetsAClientThatSendsNoCredential()
    {
        GeneratorRunResult result = Run(Tagged, "/project/specs/zoo.yaml");

        string client = result.GeneratedSources.Single(s => s.HintName == "Zoo.ZooClient.g.cs").SourceText.ToString();
        Assert.Contains("Authentication = global::Telnyx.Sip.Runtime.ApiAuthentication.None;", client);
        Assert.Contains("Authentication = Authentication,", client);
        Assert.DoesNotContain("TELNYX", client);
    }
}
