using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Telnyx.Sip.Client.Tests;
using Xunit;

namespace Telnyx.Sip.Package.Tests;

[Collection(PackagesCollection.Name)]
public class PackageTests(PackageFixture packages)
{
    private const string CallProgram = """
        using Telnyx.Sip;

        var client = new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = "KEY_PACKAGE_TEST", BaseUrl = new Uri(args[0]) });
        CredentialConnection connection = await client.CredentialConnections.RetrieveAsync("42");
        Console.WriteLine($"retrieved {connection.Id} {connection.AnchorsiteOverride}");
        """;

    [Fact]
    public void TheGeneratorPackageHoldsTheAnalyzerItsDependencyAndTheBuildFiles()
    {
        using ZipArchive generator = ZipFile.OpenRead(Path.Combine(packages.Feed, "Telnyx.Sip.Generator.0.1.0.nupkg"));
        var entries = generator.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("analyzers/dotnet/cs/Telnyx.Sip.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("buildTransitive/Telnyx.Sip.Generator.props", entries);
        Assert.Contains("buildTransitive/Telnyx.Sip.Generator.targets", entries);
        Assert.Contains("README.md", entries);
        string nuspec = new StreamReader(generator.GetEntry("Telnyx.Sip.Generator.nuspec")!.Open()).ReadToEnd();
        Assert.Contains("<dependency id=\"Telnyx.Sip.Runtime\" version=\"0.1.0\"", nuspec);
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);

        using ZipArchive runtime = ZipFile.OpenRead(Path.Combine(packages.Feed, "Telnyx.Sip.Runtime.0.1.0.nupkg"));
        Assert.Contains("lib/net8.0/Telnyx.Sip.Runtime.dll", runtime.Entries.Select(e => e.FullName));
        Assert.Contains("lib/netstandard2.0/Telnyx.Sip.Runtime.dll", runtime.Entries.Select(e => e.FullName));
    }

    [Theory]
    [InlineData("Telnyx.Sip.Generator", "generator/PACKAGE.md")]
    [InlineData("Telnyx.Sip.Runtime", "runtime/PACKAGE.md")]
    public void EachPackageHasAReadmeForItsUsersWithAbsoluteLinksARepositoryALicenseAndTags(string id, string readmeSource)
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(packages.Feed, id + ".0.1.0.nupkg"));
        string readme = new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd();
        string nuspec = new StreamReader(package.GetEntry(id + ".nuspec")!.Open()).ReadToEnd();

        Assert.Equal(File.ReadAllText(Path.Combine(packages.RepoRoot, readmeSource)), readme);
        Assert.StartsWith("# " + id, readme);
        Assert.Contains("dotnet add package Telnyx.Sip.Generator", readme);
        Assert.Contains("```csharp", readme);
        Assert.DoesNotContain("samples/", readme);
        string repository = Regex.Match(nuspec, "<repository type=\"git\" url=\"(https://[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(repository);
        Assert.Contains($"<projectUrl>{repository}</projectUrl>", nuspec);
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Matches("<tags>[^<]*openapi[^<]*</tags>", nuspec);
        // Every link works on nuget.org: absolute, and those into the repository point at the repository the nuspec names.
        MatchCollection links = Regex.Matches(readme, @"\]\(([^)]+)\)");
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link.Groups[1].Value));
        Assert.Contains(links, link => link.Groups[1].Value.StartsWith(repository, StringComparison.Ordinal));
        Assert.All(links.Where(l => l.Groups[1].Value.Contains("github.com")), link => Assert.StartsWith(repository, link.Groups[1].Value));
    }

    [Fact]
    public async Task ANet8ConsumerThatPinsLoggingAbstractions8RestoresAndBuildsWithoutADowngrade()
    {
        string project = packages.CreateConsumer("Net8Pinned", CallProgram, targetFramework: "net8.0", registry: true,
            items: """<PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.0" />""");

        var (code, output) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");

        Assert.True(code == 0, output);
        Assert.DoesNotContain("NU1605", output);
        Assert.Contains("0 Warning(s)", output);
    }

    [Fact]
    public async Task TwoClientsInOneContainerEachSendOnlyTheirOwnCredentialToTheirOwnHost()
    {
        string project = packages.CreateConsumer("TwoClients", """
            using Acme.Inventory;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Telnyx.Sip;
            using Telnyx.Sip.Runtime;

            IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Acme:ApiKey"] = "ACME-KEY",
                ["Acme:BaseUrl"] = args[1],
                ["Acme:MaxRetries"] = "0",
            }).Build();

            var services = new ServiceCollection();
            services.Configure<AcmeInventoryClientOptions>(configuration.GetSection("Acme"));   // binds Acme's options only
            services.AddAcmeInventoryClient();
            services.AddTelnyxSipClient(options =>
            {
                options.ApiKey = "TELNYX-SECRET-KEY";
                options.BaseUrl = new Uri(args[0]);
                options.MaxRetries = 0;
            });

            using ServiceProvider provider = services.BuildServiceProvider();
            Widget widget = await provider.GetRequiredService<AcmeInventoryClient>().Widgets.RetrieveAsync(1);
            CredentialConnection connection = await provider.GetRequiredService<TelnyxSipClient>().CredentialConnections.RetrieveAsync("42");
            Console.WriteLine($"acme {widget.Id} {widget.Name}; telnyx {connection.Id}");
            try
            {
                await provider.GetRequiredService<AcmeInventoryClient>().Widgets.RetrieveAsync(99);
            }
            catch (NotFoundException error) when (error.Body is Error body)
            {
                Console.WriteLine($"not found: {error.Message} [{body.Code}]");
            }
            """,
            registry: true,
            items: """
                <PackageReference Include="Microsoft.Extensions.Http" Version="10.0.0" />
                <PackageReference Include="Microsoft.Extensions.Configuration" Version="10.0.0" />
                <PackageReference Include="Microsoft.Extensions.Options.ConfigurationExtensions" Version="10.0.0" />
                """);
        string acmeSpec = File.ReadAllText(Path.Combine(packages.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "acme.yaml"));
        File.WriteAllText(Path.Combine(project, "specs", "acme.yaml"), acmeSpec.Replace("paths:\n", "servers:\n- url: https://api.acme.example/v1\npaths:\n", StringComparison.Ordinal));

        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        await using var telnyx = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"42"}}"""));
        await using var acme = new LoopbackServer(request => request.RawUrl.EndsWith("/99", StringComparison.Ordinal)
            ? new CannedResponse(404, """{"message":"Widget 99 not found","code":"not_found"}""")
            : new CannedResponse(200, """{"id":1,"name":"gear one"}"""));
        var (runCode, runOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "run", "-c", "Release", "--no-build", "--",
            telnyx.BaseUrl.ToString(), acme.BaseUrl.ToString());

        Assert.True(runCode == 0, runOutput);
        Assert.Contains("acme 1 gear one; telnyx 42", runOutput);
        Assert.Contains("not found: The API answered 404: Widget 99 not found. [not_found]", runOutput);
        ReceivedRequest toTelnyx = Assert.Single(telnyx.Requests);
        Assert.Equal("/v2/credential_connections/42", toTelnyx.RawUrl);
        Assert.Equal("Bearer TELNYX-SECRET-KEY", toTelnyx.Headers["Authorization"]);
        Assert.Null(toTelnyx.Headers["X-Api-Key"]);
        Assert.Equal(2, acme.Requests.Count);
        Assert.All(acme.Requests, r => Assert.Equal("ACME-KEY", r.Headers["X-Api-Key"]));
        Assert.All(acme.Requests, r => Assert.Null(r.Headers["Authorization"]));
        Assert.All(acme.Requests, r => Assert.DoesNotContain("TELNYX-SECRET-KEY", r.Headers.ToString()));
        Assert.All(acme.Requests, r => Assert.StartsWith("Acme-Inventory-API/3.1.0 Telnyx.Sip.Runtime/0.1.0 (", r.Headers["User-Agent"]));
    }

    [Fact]
    public async Task AFreshProjectWithOnePackageReferenceBuildsWithoutWarningsAndCallsTheApi()
    {
        string project = packages.CreateConsumer("Consumer", CallProgram);
        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        await using var server = new LoopbackServer(_ => new CannedResponse(200, """{"data":{"id":"42","anchorsite_override":"Chicago, IL"}}"""));
        var (runCode, runOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "run", "-c", "Release", "--no-build", "--", server.BaseUrl.ToString());

        Assert.True(runCode == 0, runOutput);
        Assert.Contains("retrieved 42 Chicago, IL", runOutput);
        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/v2/credential_connections/42", request.RawUrl);
    }

    [Fact]
    public async Task ATestProjectWithTheEmulatorPackageRunsTheClientAgainstItInProcess()
    {
        string project = packages.CreateConsumer("WithEmulator", """
            using System.Net.Http;
            using Telnyx.Sip;
            using Telnyx.Sip.Emulator;

            var emulator = ApiEmulator.FromFile(Path.Combine(AppContext.BaseDirectory, "specs", "telnyx-sip.yaml"));
            emulator.Seed("/credential_connections", "{\"connection_name\": \"Office Berlin\"}");
            var client = new TelnyxSipClient(new TelnyxSipClientOptions
            {
                HttpClient = new HttpClient(emulator.CreateHandler()),
                BaseUrl = emulator.BaseUrl,
                ApiKey = "test",
            });
            emulator.Faults.Next(1, Fault.TooManyRequests(TimeSpan.Zero));

            var created = await client.CredentialConnections.CreateAsync(new()
            {
                UserName = "office42", Password = "secret-42", ConnectionName = "Office Hamburg", AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
            });
            await foreach (CredentialConnection c in client.CredentialConnections.ListAsync(new() { Filter = new() { ConnectionName = new() { Contains = "office" } } }))
            {
                Console.WriteLine($"listed {c.ConnectionName} {c.AnchorsiteOverride}");
            }

            await client.CredentialConnections.DeleteAsync(created.Id);
            try
            {
                await client.CredentialConnections.RetrieveAsync(created.Id);
            }
            catch (Telnyx.Sip.Runtime.NotFoundException)
            {
                Console.WriteLine("deleted, then 404");
            }

            Console.WriteLine("statuses " + string.Join(",", emulator.Journal.Select(r => r.Status)));
            """, items: """
            <PackageReference Include="Telnyx.Sip.Emulator" Version="0.1.0" />
            <None Include="specs/telnyx-sip.yaml" CopyToOutputDirectory="PreserveNewest" />
            """);

        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        var (runCode, runOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "run", "-c", "Release", "--no-build");

        Assert.True(runCode == 0, runOutput);
        Assert.True(runOutput.Contains("listed Office Berlin Latency"), runOutput);   // seeded, with the default the spec declares
        Assert.True(runOutput.Contains("listed Office Hamburg Chicago, IL"), runOutput);
        Assert.True(runOutput.Contains("deleted, then 404"), runOutput);
        Assert.True(runOutput.Contains("statuses 429,201,200,200,404"), runOutput);   // the create was retried after the 429
    }

    [Fact]
    public async Task AFreshProjectBuildsAnAspNetCore32DocumentWithoutWarningsAndSendsQueryThroughABookshelfClient()
    {
        // The ASP.NET Core document (tests/Telnyx.Sip.Generator.Tests/Specs) and the 3.2 spec of ours, side by side in one project.
        string project = packages.CreateConsumer("OpenApi32", """
            using Bookshelf;
            using TodoService.V1;

            var todos = new TodoServiceV1Client(new TodoServiceV1ClientOptions { BaseUrl = new Uri(args[0]) });
            IList<Todo> open = await todos.Todos.ListAsync(new() { Status = TodoStatus.Open, Limit = 5 });
            var shelf = new BookshelfClient(new BookshelfClientOptions { BaseUrl = new Uri(args[0]) });
            BookList found = await shelf.Books.SearchAsync(new SearchRequest { Text = "whale" });
            Console.WriteLine($"todos {open.Count} books {found.Books.Count}");
            """,
            spec: File.ReadAllText(Path.Combine(packages.RepoRoot, "tests", "Telnyx.Sip.Generator.Tests", "Specs", "aspnetcore-todo-service.json")));
        File.Copy(Path.Combine(packages.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "bookshelf.yaml"), Path.Combine(project, "specs", "bookshelf.yaml"));
        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        await using var server = new LoopbackServer(request => new CannedResponse(200, request.Method == "QUERY" ? """{"books":[]}""" : "[]"));
        var (runCode, runOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "run", "-c", "Release", "--no-build", "--", server.BaseUrl.ToString());

        Assert.True(runCode == 0, runOutput);
        Assert.Contains("todos 0 books 0", runOutput);
        Assert.Equal(["GET /v2/todos?status=Open&limit=5", "QUERY /v2/books/search"], server.Requests.Select(r => r.Method + " " + r.RawUrl));
    }

    [Fact]
    public async Task UpdatingTheSpecRegeneratesTheClientOnTheNextBuild()
    {
        string original = File.ReadAllText(Path.Combine(packages.RepoRoot, "specs", "telnyx-sip.yaml"));
        string project = packages.CreateConsumer("Updating", """
            using Telnyx.Sip;
            var connection = new CredentialConnection();
            Console.WriteLine(connection.Tags?.Count);
            """);
        var (firstCode, firstOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build");
        Assert.True(firstCode == 0, firstOutput);

        // The new spec adds a property and an operation, and removes the 'tags' property of CredentialConnection.
        string updated = SpecEdits.Apply(original);
        File.WriteAllText(Path.Combine(project, "specs", "telnyx-sip.yaml"), updated);

        // Code that used the removed property no longer compiles, with the usual compiler error.
        var (brokenCode, brokenOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build");
        Assert.NotEqual(0, brokenCode);
        Assert.True(brokenOutput.Contains("error CS1061"), brokenOutput);
        Assert.Contains("'Tags'", brokenOutput);

        // Code that uses the new members compiles.
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Telnyx.Sip;
            var connection = new CredentialConnection { RegionLabel = "us-central" };
            var client = new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = "k", BaseUrl = new Uri("http://127.0.0.1:9/v2") });
            Func<Task<CredentialConnection>> reset = () => client.CredentialConnections.Actions.ResetPasswordAsync("42");
            Console.WriteLine(connection.RegionLabel + (reset is null));
            """);
        var (fixedCode, fixedOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build");
        Assert.True(fixedCode == 0, fixedOutput);
    }
}

/// <summary>The spec update the regeneration test applies: one property and one operation added, one property removed.</summary>
internal static class SpecEdits
{
    public static string Apply(string spec)
    {
        const string Anchor = "  /credential_connections/{id}/actions/check_registration_status:\n";
        Assert.Contains(Anchor, spec);
        string withOperation = spec.Replace(Anchor, """
              /credential_connections/{id}/actions/reset_password:
                post:
                  operationId: ResetCredentialConnectionPassword
                  summary: Reset the password of a credential connection
                  parameters:
                  - name: id
                    in: path
                    required: true
                    schema:
                      type: string
                  responses:
                    '200':
                      description: The connection with its new password.
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              data:
                                $ref: '#/components/schemas/CredentialConnection'

            """.Replace("\r\n", "\n") + Anchor);

        // In CredentialConnection: replace 'tags' with 'region_label'.
        string[] lines = withOperation.Split('\n');
        int schema = Array.IndexOf(lines, "    CredentialConnection:");
        int properties = Array.IndexOf(lines, "      properties:", schema);
        int tags = Array.IndexOf(lines, "        tags:", properties);
        int end = tags + 1;
        while (lines[end].StartsWith("         ", StringComparison.Ordinal))
        {
            end++; // the lines of the 'tags' schema are indented deeper than its name
        }

        Assert.True(schema > 0 && properties > schema && tags > properties, "The spec no longer has CredentialConnection.tags where this test expects it.");
        return string.Join('\n', lines[..tags]
            .Concat(["        region_label:", "          type: string", "          description: A label for the region."])
            .Concat(lines[end..]));
    }
}
