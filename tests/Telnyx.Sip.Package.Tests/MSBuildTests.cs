using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Telnyx.Sip.Client.Tests;
using Xunit;

namespace Telnyx.Sip.Package.Tests;

/// <summary>
/// What a user meets only through MSBuild, proven by `dotnet build` of fresh consumers of the packed packages:
/// item metadata through the generated .editorconfig, specs/ pickup, several specs in one project, a JSON spec with
/// sorted keys, a Swagger 2.0 file, diagnostics in the build output, and credentials scoped to their own spec.
/// </summary>
[Collection(PackagesCollection.Name)]
public class MSBuildTests(PackageFixture packages)
{
    private const string TelnyxKey = "KEY_TELNYX_must_stay_with_telnyx";

    /// <summary>A JSON spec with sorted keys: 'components' first, 'openapi' far beyond the first 4 KB.</summary>
    private static string SortedJsonSpec()
    {
        string padding = string.Join(",", Enumerable.Range(0, 200).Select(i => $"\"Padding{i:000}\":{{\"type\":\"object\",\"description\":\"a schema that pushes the openapi key back\"}}"));
        string paths = string.Join(",", new[] { "birds", "cats", "dogs" }.Select(p =>
            $"\"/{p}\":{{\"get\":{{\"operationId\":\"List{p}\",\"responses\":{{\"204\":{{\"description\":\"none\"}}}}}}}}"));
        return "{\"components\":{\"schemas\":{" + padding + "}},\"info\":{\"title\":\"Zoo API\",\"version\":\"1\"},\"openapi\":\"3.0.3\",\"paths\":{" + paths + "}}";
    }

    [Fact]
    public async Task ACombinedConsumerGetsEverySpecItsMetadataAndScopedCredentials()
    {
        string project = packages.CreateConsumer("Combined", """
            using System.Reflection;

            static string Resources(Type client) => string.Join(",", client.GetProperties().Select(p => p.Name).Where(n => n != "Pipeline").Order());

            Console.WriteLine("telnyx: " + Resources(typeof(Telnyx.Sip.TelnyxSipClient)));
            Console.WriteLine("zoo: " + Resources(typeof(Zoo.ZooClient)));
            var baseUrl = new Uri(args[0]);
            await new Games.GamesClient(new Games.GamesClientOptions { ApiKey = "games-key", BaseUrl = baseUrl, MaxRetries = 0 }).Board.RetrieveAsync();
            await new Zoo.ZooClient(new Zoo.ZooClientOptions { BaseUrl = baseUrl, MaxRetries = 0 }).Cats.RetrieveAsync();
            Console.WriteLine("done");
            """,
            // The README's own example, with MSBuild's ';' separator, and the ',' separator on the JSON spec.
            items: """
                <AdditionalFiles Include="specs/telnyx-sip.yaml" OpenApiIncludeTags="Credential Connections;IP Connections" />
                <AdditionalFiles Include="specs/zoo.json" OpenApiIncludePaths="/cats,/dogs" />
                """,
            warningsNotAsErrors: "TSG008;TSG020");
        File.WriteAllText(Path.Combine(project, "specs", "zoo.json"), SortedJsonSpec());
        File.Copy(Path.Combine(packages.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "games.yaml"), Path.Combine(project, "specs", "games.yaml"));
        File.WriteAllText(Path.Combine(project, "specs", "legacy.yaml"), "swagger: '2.0'\ninfo:\n  title: Legacy\n  version: '1'\npaths: {}\n");
        File.WriteAllText(Path.Combine(project, "specs", "settings.yaml"), "name: not a spec\n");

        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Matches(new Regex(@"legacy\.yaml\(1,\d+\): warning TSG008: 'legacy\.yaml' is a Swagger 2\.0 document.*swagger2openapi"), buildOutput);
        Assert.DoesNotContain("settings.yaml", buildOutput);
        // zoo.json names no server: a warning that says which option to set, and nothing defaults to Telnyx's host.
        Assert.Matches(new Regex(@"zoo\.json\(1,\d+\): warning TSG020: 'zoo\.json' names no absolute server URL \(it has no 'servers'\); ZooClient sends no request until ZooClientOptions\.BaseUrl is set"), buildOutput);

        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"winner":"O"}"""));
        var environment = new Dictionary<string, string?> { ["TELNYX_API_KEY"] = TelnyxKey, ["TELNYX_BASE_URL"] = server.BaseUrl.ToString() };
        var (runCode, runOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, environment, "run", "-c", "Release", "--no-build", "--", server.BaseUrl.ToString());

        Assert.True(runCode == 0, runOutput);
        Assert.Contains("telnyx: CredentialConnections,IpConnections", runOutput);
        Assert.Contains("zoo: Cats,Dogs", runOutput);
        Assert.Contains("done", runOutput);
        ReceivedRequest[] requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("games-key", requests[0].Headers["api-key"]);
        Assert.All(requests, r => Assert.Null(r.Headers["Authorization"]));
        Assert.All(requests, r => Assert.DoesNotContain(TelnyxKey, r.Headers.ToString()));
    }

    [Fact]
    public async Task SpecErrorsAppearInTheBuildOutputWithFileLineAndColumn()
    {
        string project = packages.CreateConsumer("Broken", "Console.WriteLine();",
            spec: "openapi: 3.1.0\ninfo:\n  title: [unclosed\npaths: {}\n",
            items: """
                <AdditionalFiles Include="specs/telnyx-sip.yaml" OpenApiIncludeTags="IPs#FQDNs" />
                <AdditionalFiles Include="notes.yaml" OpenApiSpec="true" />
                """,
            warningsNotAsErrors: "TSG009");
        File.WriteAllText(Path.Combine(project, "notes.yaml"), "name: not a spec\n");

        var (code, output) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");

        Assert.NotEqual(0, code);
        Assert.Matches(new Regex(@"specs[/\\]telnyx-sip\.yaml\(\d+,\d+\): error TSG001: The spec 'telnyx-sip\.yaml' cannot be parsed"), output);
        Assert.Matches(new Regex(@"notes\.yaml\(1,1\): error TSG002"), output);
        Assert.Contains("warning TSG009", output);
    }
}
