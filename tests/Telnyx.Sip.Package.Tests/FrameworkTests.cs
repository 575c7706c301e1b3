using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip.Client.Tests;
using Xunit;

namespace Telnyx.Sip.Package.Tests;

/// <summary>
/// The packed packages on the frameworks beyond .NET 8: a .NET Framework 4.8 console application built here and run on
/// Mono against a loopback server, a netstandard2.0 library used from a .NET 8 application, the polyfills beside
/// PolySharp, and a C# version too old for the generated code.
/// </summary>
[Collection(PackagesCollection.Name)]
public class FrameworkTests(PackageFixture packages)
{
    /// <summary>Every call the acceptance list names: paging, an enum with a comma, a PATCH null, a 404 with errors[], one retry.</summary>
    private const string ClientProgram = """
        using System;
        using System.Threading.Tasks;
        using Telnyx.Sip;
        using Telnyx.Sip.Runtime;

        internal static class Program
        {
            private static async Task<int> Main(string[] args)
            {
                var client = new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = "KEY_FRAMEWORK_TEST", BaseUrl = new Uri(args[0]), MaxRetries = 1 });

                int listed = 0;
                await foreach (CredentialConnection connection in client.CredentialConnections.ListAsync(new() { Page = new() { Size = 2 } }))
                {
                    listed++;
                }

                Console.WriteLine($"listed {listed}");

                CredentialConnection created = await client.CredentialConnections.CreateAsync(new()
                {
                    UserName = "office42",
                    Password = "office-password",
                    ConnectionName = "Office",
                    AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
                });
                Console.WriteLine($"created {created.Id} {created.AnchorsiteOverride}");

                await client.CredentialConnections.UpdateAsync(created.Id, new() { EncryptedMedia = null });
                Console.WriteLine("updated");

                try
                {
                    await client.CredentialConnections.RetrieveAsync("missing");
                }
                catch (NotFoundException error)
                {
                    Console.WriteLine($"not found {error.StatusCode} {error.Errors.Count} {error.Errors[0].Code} {error.Errors[0].Title}");
                }

                CredentialConnection retried = await client.CredentialConnections.RetrieveAsync("flaky");
                Console.WriteLine($"retried {retried.Id}");
                return 0;
            }
        }
        """;

    [Fact]
    public async Task ANet48ConsoleApplicationBuildsWithoutWarningsAndRunsOnMonoAgainstTheApi()
    {
        string mono = await RequireMonoAsync();
        string project = CreateProject("Net48Consumer", "net48", "Exe", "Program.cs", ClientProgram, "<Nullable>enable</Nullable>");
        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        await using var server = new LoopbackServer(Api);
        string exe = Path.Combine(project, "bin", "Release", "net48", "Net48Consumer.exe");
        var (runCode, runOutput) = await Run(mono, exe, server.BaseUrl.ToString());

        Assert.True(runCode == 0, runOutput);
        AssertTheCallsWentRight(runOutput, server.Requests.ToList());
    }

    /// <summary>
    /// A .NET Framework test project can use the emulator too (its netstandard2.0 build): the generated client against
    /// it in process and over its loopback server, on Mono, through the packed packages.
    /// </summary>
    [Fact]
    public async Task ANet48ProjectRunsTheClientAgainstTheEmulatorInProcessAndOnItsLoopbackServerOnMono()
    {
        string mono = await RequireMonoAsync();
        string project = CreateProject("Net48Emulator", "net48", "Exe", "Program.cs", """
            using System;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Telnyx.Sip;
            using Telnyx.Sip.Emulator;
            using Telnyx.Sip.Runtime;

            internal static class Program
            {
                private static async Task<int> Main()
                {
                    var emulator = ApiEmulator.FromFile(Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "specs", "telnyx-sip.yaml"));
                    emulator.Seed("/credential_connections", "{\"connection_name\": \"Office Berlin\"}");
                    var inProcess = new TelnyxSipClient(new TelnyxSipClientOptions { HttpClient = new HttpClient(emulator.CreateHandler()), BaseUrl = emulator.BaseUrl, ApiKey = "test" });
                    emulator.Faults.Next(1, Fault.TooManyRequests(TimeSpan.Zero));
                    CredentialConnection created = await inProcess.CredentialConnections.CreateAsync(new()
                    {
                        UserName = "office42", Password = "secret-42", ConnectionName = "Office Hamburg", AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
                    });

                    await using EmulatorServer server = await emulator.ServeAsync();
                    var overLoopback = new TelnyxSipClient(new TelnyxSipClientOptions { BaseUrl = server.BaseUrl, ApiKey = "test" });
                    await foreach (CredentialConnection c in overLoopback.CredentialConnections.ListAsync(new() { Filter = new() { ConnectionName = new() { Contains = "office" } } }))
                    {
                        Console.WriteLine($"listed {c.ConnectionName} {c.AnchorsiteOverride}");
                    }

                    await overLoopback.CredentialConnections.DeleteAsync(created.Id);
                    try
                    {
                        await inProcess.CredentialConnections.RetrieveAsync(created.Id);
                    }
                    catch (NotFoundException)
                    {
                        Console.WriteLine("deleted, then 404");
                    }

                    Console.WriteLine("statuses " + string.Join(",", emulator.Journal.Select(r => r.Status)));
                    Console.WriteLine("credentials " + emulator.Journal[0].Headers["Authorization"]);
                    return 0;
                }
            }
            """, "<Nullable>enable</Nullable>", items: """
            <PackageReference Include="Telnyx.Sip.Emulator" Version="0.1.0" />
            <None Include="specs/telnyx-sip.yaml" CopyToOutputDirectory="PreserveNewest" />
            """);
        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        var (runCode, runOutput) = await Run(mono, [Path.Combine(project, "bin", "Release", "net48", "Net48Emulator.exe")], TimeSpan.FromMinutes(2));

        Assert.True(runCode == 0, runOutput);
        Assert.True(runOutput.Contains("listed Office Berlin Latency"), runOutput);
        Assert.True(runOutput.Contains("listed Office Hamburg Chicago, IL"), runOutput);
        Assert.True(runOutput.Contains("deleted, then 404"), runOutput);
        Assert.True(runOutput.Contains("statuses 429,201,200,200,404"), runOutput); // the create was retried after the 429
        Assert.True(runOutput.Contains("credentials ***"), runOutput);
    }

    /// <summary>
    /// Webhooks through the packed packages on .NET Framework: the runtime's netstandard2.0 build with BouncyCastle's
    /// Ed25519 on Mono, for a spec of ours with Telnyx's headers (the consumer signs with BouncyCastle, which the runtime
    /// package brings).
    /// </summary>
    [Fact]
    public async Task ANet48ApplicationOnMonoVerifiesEd25519WebhooksThroughThePackedPackages()
    {
        string mono = await RequireMonoAsync();
        string project = CreateProject("Net48Webhooks", "net48", "Exe", "Program.cs", """
            using System;
            using System.Collections.Generic;
            using System.Text;
            using Calls;
            using Telnyx.Sip.Runtime;
            using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

            internal static class Program
            {
                private static int Main()
                {
                    byte[] secretKey = new byte[32], publicKey = new byte[32], signature = new byte[64];
                    Rfc8032.GeneratePrivateKey(new Org.BouncyCastle.Security.SecureRandom(), secretKey);
                    Rfc8032.GeneratePublicKey(secretKey, 0, publicKey, 0);
                    string body = "{\"data\":{\"event_type\":\"call.hangup\",\"payload\":{\"hangup_cause\":\"normal_clearing\"}}}";
                    string timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
                    byte[] message = Encoding.UTF8.GetBytes(timestamp + "|" + body);
                    Rfc8032.Sign(secretKey, 0, message, 0, message.Length, signature, 0);
                    var headers = new Dictionary<string, string> { ["telnyx-timestamp"] = timestamp, ["telnyx-signature-ed25519"] = Convert.ToBase64String(signature) };

                    var client = new CallsClient(new CallsClientOptions { WebhookKey = Convert.ToBase64String(publicKey) });
                    WebhookEvent received = client.Webhooks.Unwrap(body, headers);
                    Console.WriteLine(received.TryGetCallHangupEvent(out CallHangupEvent? hangup) ? "hangup " + hangup.Data?.Payload?.HangupCause : "not a hangup");
                    try
                    {
                        client.Webhooks.Unwrap(body.Replace("normal_clearing", "busy"), headers);
                    }
                    catch (WebhookVerificationException error)
                    {
                        Console.WriteLine("tampered " + error.Reason);
                    }

                    return 0;
                }
            }
            """, "<Nullable>enable</Nullable>");
        File.Copy(Path.Combine(packages.RepoRoot, "tests", "Telnyx.Sip.Client.Tests", "specs", "calls.yaml"), Path.Combine(project, "specs", "calls.yaml"));
        var (buildCode, buildOutput) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        var (runCode, runOutput) = await Run(mono, [Path.Combine(project, "bin", "Release", "net48", "Net48Webhooks.exe")], TimeSpan.FromMinutes(2));

        Assert.True(runCode == 0, runOutput);
        Assert.Contains("hangup normal_clearing", runOutput);
        Assert.Contains("tampered BadSignature", runOutput);
    }

    /// <remarks>The application targets net8.0 and rolls forward to the newest runtime the machine has.</remarks>
    [Fact]
    public async Task ANetStandardLibraryHoldsTheClientAndANet8ApplicationRunsIt()
    {
        string library = CreateProject("SipLibrary", "netstandard2.0", "Library", "Provisioning.cs", """
            using System;
            using System.Threading.Tasks;
            using Telnyx.Sip;
            using Telnyx.Sip.Runtime;

            namespace SipLibrary;

            /// <summary>What an application asks of the library: it holds the generated client.</summary>
            public static class Provisioning
            {
                /// <summary>Creates an office connection and returns its id and anchor site.</summary>
                public static async Task<string> CreateOfficeAsync(Uri baseUrl)
                {
                    var client = new TelnyxSipClient(new TelnyxSipClientOptions { ApiKey = "KEY_FRAMEWORK_TEST", BaseUrl = baseUrl, MaxRetries = 1 });
                    CredentialConnection created = await client.CredentialConnections.CreateAsync(new()
                    {
                        UserName = "office42",
                        Password = "office-password",
                        ConnectionName = "Office",
                        AnchorsiteOverride = AnchorsiteOverride.ChicagoIL,
                    });
                    return $"created {created.Id} {created.AnchorsiteOverride}";
                }
            }
            """, "<Nullable>disable</Nullable>");
        string application = CreateProject("Net8App", "net8.0", "Exe", "Program.cs", """
            Console.WriteLine(await SipLibrary.Provisioning.CreateOfficeAsync(new Uri(args[0])));
            """, "<Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><RollForward>Major</RollForward>", generator: false,
            items: $"""<ProjectReference Include="{Path.Combine(library, "SipLibrary.csproj")}" />""");

        var (buildCode, buildOutput) = await Dotnet.RunAsync(application, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput);

        await using var server = new LoopbackServer(Api);
        var (runCode, runOutput) = await Dotnet.RunAsync(application, packages.NuGetPackages, "run", "-c", "Release", "--no-build", "--", server.BaseUrl.ToString());
        Assert.True(runCode == 0, runOutput);
        Assert.Contains("created 7 Chicago, IL", runOutput);
        Assert.Contains("\"anchorsite_override\":\"Chicago, IL\"", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task PolySharpAndTheGeneratorsPolyfillsDoNotClash()
    {
        string project = CreateProject("WithPolySharp", "netstandard2.0", "Library", "Uses.cs", """
            namespace WithPolySharp;

            /// <summary>Uses a required member of its own, as a PolySharp user would.</summary>
            public sealed class Settings
            {
                /// <summary>A required value.</summary>
                public required string Name { get; init; }
            }
            """, "<Nullable>enable</Nullable>",
            items: """<PackageReference Include="PolySharp" Version="1.16.0" PrivateAssets="all" />""");
        var (code, output) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");
        Assert.True(code == 0, output);
        Assert.Contains("0 Warning(s)", output);
    }

    [Fact]
    public async Task AProjectOnAnOldCSharpVersionGetsOneDiagnosticThatNamesLangVersion()
    {
        string project = CreateProject("OldCSharp", "net48", "Library", "Empty.cs", "namespace OldCSharp { internal static class Empty { } }", "<LangVersion>10</LangVersion>");
        var (code, output) = await Dotnet.RunAsync(project, packages.NuGetPackages, "build", "-c", "Release");

        Assert.NotEqual(0, code);
        string[] errors = output.Split('\n').Where(line => line.Contains(": error ")).Select(line => line.Trim()).Distinct().ToArray();
        Assert.True(errors.Length == 1 && errors[0].Contains("error TSG030") && errors[0].Contains("<LangVersion>12</LangVersion>"), output);
    }

    /// <summary>The API: two pages of three connections, create, update, a 404 with errors[], a 503 then the connection.</summary>
    private static CannedResponse Api(ReceivedRequest request)
    {
        string path = request.RawUrl.Split('?')[0];
        switch (request.Method, path)
        {
            case ("GET", "/v2/credential_connections"):
                int page = int.Parse(Regex.Match(Uri.UnescapeDataString(request.Query), @"page\[number\]=(\d+)").Groups[1].Value);
                string items = page == 1 ? """{"id":"1"},{"id":"2"}""" : """{"id":"3"}""";
                return new CannedResponse(200, $$$"""{"data":[{{{items}}}],"meta":{"page_number":{{{page}}},"page_size":2,"total_pages":2,"total_results":3}}""");
            case ("POST", "/v2/credential_connections"):
                return new CannedResponse(201, """{"data":{"id":"7","anchorsite_override":"Chicago, IL"}}""");
            case ("PATCH", "/v2/credential_connections/7"):
                return new CannedResponse(200, """{"data":{"id":"7"}}""");
            case ("GET", "/v2/credential_connections/missing"):
                return new CannedResponse(404, """{"errors":[{"code":"10005","title":"Resource not found","detail":"No connection 'missing'."}]}""");
            case ("GET", "/v2/credential_connections/flaky"):
                bool first = Interlocked.Increment(ref s_flaky) % 2 == 1;
                return first
                    ? new CannedResponse(503, """{"errors":[{"code":"90000","title":"Unavailable"}]}""", new Dictionary<string, string> { ["Retry-After"] = "0" })
                    : new CannedResponse(200, """{"data":{"id":"flaky"}}""");
            default:
                return new CannedResponse(400, """{"errors":[{"title":"unexpected request"}]}""");
        }
    }

    private static int s_flaky;

    private static void AssertTheCallsWentRight(string output, List<ReceivedRequest> requests)
    {
        Assert.Contains("listed 3", output);
        Assert.Contains("created 7 Chicago, IL", output);
        Assert.Contains("updated", output);
        Assert.Contains("not found 404 1 10005 Resource not found", output);
        Assert.Contains("retried flaky", output);

        Assert.Equal(2, requests.Count(r => r.Method == "GET" && r.RawUrl.StartsWith("/v2/credential_connections?", StringComparison.Ordinal)));
        Assert.Contains("\"anchorsite_override\":\"Chicago, IL\"", requests.Single(r => r.Method == "POST").Body);
        Assert.Equal("""{"encrypted_media":null}""", requests.Single(r => r.Method == "PATCH").Body);
        Assert.Equal(2, requests.Count(r => r.RawUrl == "/v2/credential_connections/flaky"));
        Assert.All(requests, r => Assert.Equal("Bearer KEY_FRAMEWORK_TEST", r.Headers["Authorization"]));
    }

    /// <summary>
    /// A project that restores Telnyx.* from the packed feed and everything else (System.Text.Json, the .NET Framework
    /// reference assemblies, PolySharp) from the machine's usual source.
    /// </summary>
    private string CreateProject(string name, string framework, string outputType, string file, string code, string properties,
        bool generator = true, string items = "")
    {
        string directory = Path.Combine(packages.WorkDirectory, name);
        Directory.CreateDirectory(Path.Combine(directory, "specs"));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{packages.Feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Telnyx.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        string reference = generator ? """<PackageReference Include="Telnyx.Sip.Generator" Version="0.1.0" />""" : "";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>{framework}</TargetFramework>
                <LangVersion>12</LangVersion>
                {properties}
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                {reference}
                {items}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, file), code);
        if (generator)
        {
            File.Copy(Path.Combine(packages.RepoRoot, "specs", "telnyx-sip.yaml"), Path.Combine(directory, "specs", "telnyx-sip.yaml"), overwrite: true);
        }

        return directory;
    }

    /// <summary>
    /// Mono. Where it is missing, tools/mono/ensure-mono.sh installs it (Debian's mono-complete), so that the README's
    /// test command works on a fresh machine as it does in CI, which runs the same script before the tests.
    /// </summary>
    private async Task<string> RequireMonoAsync()
    {
        string? mono = FindMono();
        if (mono is null)
        {
            var (code, output) = await Run("bash", Path.Combine(packages.RepoRoot, "tools", "mono", "ensure-mono.sh"), TimeSpan.FromMinutes(15));
            Assert.True(code == 0, "Mono is not installed and tools/mono/ensure-mono.sh could not install it:\n" + output);
            mono = FindMono();
        }

        Assert.True(mono is not null, "Mono is not installed: run tools/mono/ensure-mono.sh.");
        return mono!;

        static string? FindMono() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "mono"))
            .FirstOrDefault(File.Exists);
    }

    private static Task<(int ExitCode, string Output)> Run(string program, string argument0, string argument1) =>
        Run(program, [argument0, argument1], TimeSpan.FromMinutes(2));

    private static Task<(int ExitCode, string Output)> Run(string program, string argument, TimeSpan timeout) =>
        Run(program, [argument], timeout);

    private static async Task<(int ExitCode, string Output)> Run(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await output + await error);
    }
}
