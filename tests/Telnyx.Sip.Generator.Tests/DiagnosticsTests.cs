using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

public class DiagnosticsTests
{
    private const string Path = "/project/specs/api.yaml";

    private static GeneratorRunResult Run(string spec, Dictionary<string, string>? metadata = null) =>
        GeneratorHarness.Run(spec, Path, metadata).Result.Results.Single();

    private static Diagnostic Single(GeneratorRunResult result, string id)
    {
        Assert.Null(result.Exception);
        return Assert.Single(result.Diagnostics, d => d.Id == id);
    }

    private const string Minimal = """
        openapi: 3.1.0
        info:
          title: Pets API
          version: 1.0.0
        paths:
          /pets/{id}:
            get:
              operationId: GetPet
              parameters:
              - name: id
                in: path
                required: true
                schema:
                  type: string
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Pet'
        components:
          schemas:
            Pet:
              type: object
              properties:
                name:
                  type: string
        servers:
        - url: https://pets.example.com/v1
        """;

    [Fact]
    public void AValidSpecGeneratesAClientNamedAfterItsTitle()
    {
        var (result, output) = GeneratorHarness.Run(Minimal, Path);

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Pets.PetsClient.g.cs");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void NamespaceAndClientNameComeFromTheItemMetadata()
    {
        var result = Run(Minimal, new() { ["OpenApiNamespace"] = "Acme.Api", ["OpenApiClientName"] = "AcmeClient" });

        Assert.Contains(result.GeneratedSources, s => s.HintName == "Acme.Api.AcmeClient.g.cs");
    }

    [Fact]
    public void AYamlSyntaxErrorIsReportedAtItsLine()
    {
        Diagnostic diagnostic = Single(Run("openapi: 3.1.0\ninfo:\n  title: [unclosed\npaths: {}\n"), "TSG001");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
        Assert.InRange(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, 3, 4);
        Assert.Contains("api.yaml", diagnostic.GetMessage());
    }

    [Fact]
    public void AnUnsupportedVersionIsReported()
    {
        Diagnostic diagnostic = Single(Run("openapi: 2.0.0\ninfo:\n  title: Old\npaths: {}\n"), "TSG003");

        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("2.0.0", diagnostic.GetMessage());
    }

    [Fact]
    public void AnUnresolvedReferenceIsReportedAtTheReference()
    {
        string spec = Minimal.Replace("#/components/schemas/Pet'", "#/components/schemas/Cat'");
        Diagnostic diagnostic = Single(Run(spec), "TSG004");

        Assert.Contains("#/components/schemas/Cat", diagnostic.GetMessage());
        int line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
        Assert.Equal("$ref: '#/components/schemas/Cat'", spec.Split('\n')[line - 1].Trim());
    }

    [Fact]
    public void ADuplicateOperationIdIsAWarningAndBothOperationsAreGenerated()
    {
        string spec = Minimal.Replace("paths:\n",
            "paths:\n  /pets:\n    get:\n      operationId: GetPet\n      responses:\n        '204':\n          description: none\n");
        Diagnostic diagnostic = Single(Run(spec), "TSG005");

        Assert.Contains("GetPet", diagnostic.GetMessage());
    }

    [Fact]
    public void AFileMarkedAsASpecThatIsNotOpenApiIsReported()
    {
        Single(Run("name: not a spec\nitems: [1, 2]\n", new() { ["OpenApiSpec"] = "true" }), "TSG002");
    }

    [Fact]
    public void OtherYamlFilesAreIgnoredSilently()
    {
        GeneratorRunResult result = Run("services:\n  web:\n    image: nginx\n");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void ASpecCanBeOptedOut()
    {
        GeneratorRunResult result = Run(Minimal, new() { ["OpenApiSpec"] = "false" });

        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void ACookieParameterIsAWarningThatPointsToRequestOptions()
    {
        string spec = Minimal.Replace("      - name: id\n", "      - name: session\n        in: cookie\n        schema:\n          type: string\n      - name: id\n");
        Assert.NotEqual(Minimal, spec);
        var (run, output) = GeneratorHarness.Run(spec, Path);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);

        Assert.Equal("TSG100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains("RequestOptions.Headers", diagnostic.GetMessage());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("", "it has no 'servers'")]
    [InlineData("servers:\n- url: /v1\n", "its first server is '/v1'")]
    [InlineData("servers:\n- description: Production\n", "its first server has no 'url'")]
    [InlineData("servers:\n- url: https://{region}.pets.example\n", "its first server is 'https://{region}.pets.example', whose variable 'region' has no default")]
    [InlineData("servers:\n- url: https://pets.example/{version}\n  variables:\n    version: { enum: [v1, v2] }\n", "its first server is 'https://pets.example/{version}', whose variable 'version' has no default")]
    [InlineData("servers:\n- url: https://pets.example/{}\n", "its first server is 'https://pets.example/{}', whose '{}' names no variable")]
    public void ASpecWithoutAnAbsoluteServerUrlIsAWarningThatNamesTheOptionToSet(string servers, string found)
    {
        string spec = Minimal[..Minimal.IndexOf("servers:", StringComparison.Ordinal)] + servers;
        var (run, output) = GeneratorHarness.Run(spec, Path);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);

        Assert.Equal("TSG020", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal($"'api.yaml' names no absolute server URL ({found}); PetsClient sends no request until PetsClientOptions.BaseUrl is set", diagnostic.GetMessage());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string client = run.Results.Single().GeneratedSources.Single(s => s.HintName == "Pets.PetsClient.g.cs").SourceText.ToString();
        Assert.DoesNotContain("api.telnyx.com", client);
        Assert.DoesNotContain("TELNYX_", client);
    }

    [Fact]
    public void ServerVariablesTakeTheirDefaultsInTheBaseUrlAndTheOptionsSayHowToChooseAnother()
    {
        string spec = Minimal[..Minimal.IndexOf("servers:", StringComparison.Ordinal)] + """
            servers:
            - url: https://{region}.pets.example/{version}
              variables:
                region: { default: eu, enum: [eu, us], description: "Where the data is kept." }
                version: { default: v2 }
            """;
        var (run, output) = GeneratorHarness.Run(spec, Path);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string source(string name) => run.Results.Single().GeneratedSources.Single(s => s.HintName == name).SourceText.ToString();
        string options = source("Pets.PetsClientOptions.g.cs");
        Assert.Contains("public const string DefaultBaseUrl = \"https://eu.pets.example/v2\";", options);
        Assert.Contains("DefaultBaseUrl = \"https://eu.pets.example/v2\",", source("Pets.PetsClient.g.cs"));
        string remarks = System.Text.RegularExpressions.Regex.Replace(options, @"\s*\n\s*/// ", " ");
        Assert.Contains("<c>https://{region}.pets.example/{version}</c>", remarks);
        Assert.Contains("<c>region</c> is <c>eu</c> (one of <c>eu</c>, <c>us</c>): Where the data is kept; <c>version</c> is <c>v2</c>.", remarks);
    }

    [Fact]
    public void ServerVariableTextWithMarkupIsEscapedAndTheClientCompilesStrictly()
    {
        string spec = Minimal[..Minimal.IndexOf("servers:", StringComparison.Ordinal)] + """
            servers:
            - url: "https://pets.example/`{v}`/{w}"
              variables:
                v: { default: "a\"b", description: "<code>x and </remarks> */ & more" }
                w: { default: 8443, enum: ["<c>", "`x`"] }
            """;
        var (generator, compiler, output) = GeneratorHarness.RunStrict(spec, Path);

        Assert.Empty(generator);
        Assert.Empty(compiler);
        string options = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Pets.PetsClientOptions.g.cs", StringComparison.Ordinal)).ToString();
        string remarks = System.Text.RegularExpressions.Regex.Replace(options, @"\s*\n\s*/// ", " ");
        Assert.Contains("<c>https://pets.example/`{v}`/{w}</c>", remarks);
        Assert.Contains("<c>v</c> is <c>a&quot;b</c>: &lt;code&gt;x and &lt;/remarks&gt; */ &amp; more;", remarks);
        Assert.Contains("(one of <c>&lt;c&gt;</c>, <c>`x`</c>)", remarks);
        Assert.Contains("public const string DefaultBaseUrl = \"https://pets.example/`a\\\"b`/8443\";", options);
    }

    [Theory]
    [InlineData("")]
    [InlineData("openapi: 3.1.0")]
    [InlineData("openapi: 3.1.0\npaths: [1, 2]")]
    [InlineData("openapi: 3.1.0\npaths:\n  /x:\n    get: 12")]
    [InlineData("openapi: 3.1.0\npaths:\n  /x/{id}:\n    get:\n      responses:\n        '200':\n          $ref: '#/nowhere'")]
    [InlineData("\u0000\u0001\u0002binary\u00ff")]
    [InlineData("openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/A'\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/A'")]
    public void BrokenSpecsNeverThrow(string spec)
    {
        GeneratorRunResult result = Run(spec, new() { ["OpenApiSpec"] = "true" });

        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "TSG999");
    }
}
