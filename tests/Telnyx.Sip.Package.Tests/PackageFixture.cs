using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Telnyx.Sip.Mock;
using Xunit;

namespace Telnyx.Sip.Package.Tests;

/// <summary>The tests that share one packed feed; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed feed";
}

/// <summary>Packs the runtime, generator and emulator packages once into a local folder feed.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public string RepoRoot { get; } = PrismServer.FindRepoRoot(AppContext.BaseDirectory);

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "telnyx-sip-package-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public string Feed => Path.Combine(WorkDirectory, "feed");

    public string NuGetPackages => Path.Combine(WorkDirectory, "nuget-packages");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        foreach (string project in new[] { "runtime/Telnyx.Sip.Runtime.csproj", "generator/Telnyx.Sip.Generator.csproj", "emulator/Telnyx.Sip.Emulator.csproj" })
        {
            // Packing fills the private package folder with the packages' dependencies, from which the consumers restore.
            var (code, output) = await Dotnet.RunAsync(RepoRoot, NuGetPackages, "pack", project, "-c", "Release", "-o", Feed);
            Assert.True(code == 0, $"dotnet pack {project} failed:\n{output}");

            // It also restored the repository's project into that folder, which is deleted at the end: restore it again with
            // the user's folder, so that its obj/project.assets.json does not point nowhere for the builds that follow
            // (NETSDK1064 in a full test run).
            var ambient = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") };
            (code, output) = await Dotnet.RunAsync(RepoRoot, NuGetPackages, ambient, "restore", project);
            Assert.True(code == 0, $"dotnet restore {project} failed:\n{output}");
        }
    }

    /// <summary>Creates a consumer project that references only the generator package, from the local feed.</summary>
    /// <param name="name">The project's name and folder.</param>
    /// <param name="program">Program.cs.</param>
    /// <param name="spec">specs/telnyx-sip.yaml; the repository's spec when null.</param>
    /// <param name="items">More items for the project file (AdditionalFiles with metadata).</param>
    /// <param name="warningsNotAsErrors">Warning ids the build may show without failing.</param>
    /// <param name="targetFramework">The consumer's target framework.</param>
    /// <param name="registry">Whether packages other than ours may come from the registry (nuget.org, or the machine's
    /// mirror of it); ours always come from the local feed.</param>
    public string CreateConsumer(string name, string program, string? spec = null, string items = "", string warningsNotAsErrors = "",
        string targetFramework = "net10.0", bool registry = false)
    {
        string directory = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(Path.Combine(directory, "specs"));
        string registrySource = registry ? """<add key="nuget.org" value="https://api.nuget.org/v3/index.json" />""" : "";
        string mapping = registry
            ? """
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Telnyx.Sip.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              """
            : "";
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                {registrySource}
              </packageSources>
              {mapping}
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>{warningsNotAsErrors}</WarningsNotAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Telnyx.Sip.Generator" Version="0.1.0" />
                {items}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        File.WriteAllText(Path.Combine(directory, "specs", "telnyx-sip.yaml"), spec ?? File.ReadAllText(Path.Combine(RepoRoot, "specs", "telnyx-sip.yaml")));
        return directory;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system later.
        }

        return Task.CompletedTask;
    }
}
