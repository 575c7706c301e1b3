using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// The README's "Receiving webhooks" example, taken from README.md, compiled as the minimal-API program it is (the
/// Web SDK's implicit usings, the ASP.NET Core shared framework) against a client generated from the whole Telnyx
/// spec with the metadata the README shows.
/// </summary>
public class ReadmeWebhookExampleTests
{
    [Fact]
    public void TheReadmeWebhookExampleCompilesAsAMinimalApiAgainstTheWholeTelnyxSpec()
    {
        string readme = File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "README.md"));
        int section = readme.IndexOf("### Receiving webhooks", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '### Receiving webhooks' section.");
        Match metadata = Regex.Match(readme[section..], "<AdditionalFiles Include=\"[^\"]+\" OpenApiNamespace=\"(?<ns>[^\"]+)\" OpenApiClientName=\"(?<client>[^\"]+)\" OpenApiWebhookKeyEnv=\"(?<env>[^\"]+)\" />");
        Match example = Regex.Match(readme[section..], "```csharp\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(metadata.Success && example.Success, "The section lacks its AdditionalFiles line or its C# example.");

        string path = Path.GetFullPath(Path.Combine(GeneratorHarness.RepoRoot, "..", "shared", "reference", "telnyx-openapi-2026-07-16.yml"));
        Assert.True(File.Exists(path), $"This test reads Telnyx's published spec from {path}, which is absent: check out ../shared beside the repository.");

        // The Web SDK's implicit usings, as in a project made with `dotnet new web`.
        const string ImplicitUsings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Hosting;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.AspNetCore.Routing;
            global using Microsoft.Extensions.Configuration;
            global using Microsoft.Extensions.DependencyInjection;
            global using Microsoft.Extensions.Hosting;
            global using Microsoft.Extensions.Logging;
            """;
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var references = trusted.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) ||
                        name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.Net.Http.Headers.dll" or "Microsoft.Win32.Primitives.dll"))
            .Append(typeof(Telnyx.Sip.Runtime.ApiPipeline).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("WebhookApp",
            new[] { ImplicitUsings, example.Groups[1].Value }.Select(source => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions)),
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

        var fileMetadata = new Dictionary<string, string>
        {
            ["OpenApiNamespace"] = metadata.Groups["ns"].Value,
            ["OpenApiClientName"] = metadata.Groups["client"].Value,
            ["OpenApiWebhookKeyEnv"] = metadata.Groups["env"].Value,
            ["OpenApiIncludeTags"] = "Callbacks",   // the webhooks' tag: the test compiles them, not the 1,100 operations
        };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new InMemoryAdditionalText("/project/specs/telnyx-openapi.yml", File.ReadAllText(path)) },
            new Dictionary<string, Dictionary<string, string>> { ["/project/specs/telnyx-openapi.yml"] = fileMetadata });
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        string client = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Telnyx.TelnyxClient.g.cs").SourceText.ToString();
        Assert.Contains("KeyVariable = \"TELNYX_PUBLIC_KEY\",", client);
    }
}
