using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>tools/update-spec.cs cuts the SIP part out of Telnyx's whole published spec, and the result generates a client.</summary>
public class UpdateScriptTests
{
    [Fact]
    public async Task TheUpdateScriptCutsTheSipOperationsOutOfThePublishedSpecAndTheyGenerateAClient()
    {
        string published = Path.GetFullPath(Path.Combine(GeneratorHarness.RepoRoot, "..", "shared", "reference", "telnyx-openapi-2026-07-16.yml"));
        Assert.True(File.Exists(published), $"This test reads Telnyx's published spec from {published}, which is absent: check out ../shared beside the repository.");
        string output = Path.Combine(Path.GetTempPath(), $"telnyx-sip-cut-{Guid.NewGuid():N}.yaml");
        var arguments = new List<string> { "run", Path.Combine("tools", "update-spec.cs"), "--", published, "--out", output };
        foreach (Match path in Regex.Matches(GeneratorHarness.SipSpecText, @"(?m)^  (/[^:]+):$"))
        {
            arguments.Add("--path");
            arguments.Add(path.Groups[1].Value);
        }

        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = GeneratorHarness.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            arguments.ForEach(start.ArgumentList.Add);
            using Process process = Process.Start(start)!;
            string log = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));

            Assert.True(process.ExitCode == 0, log);
            Assert.Contains("17 paths, 36 operations", log);

            var (result, compilation) = GeneratorHarness.Run(File.ReadAllText(output), "/project/specs/telnyx-sip.yaml");
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName.EndsWith("CredentialConnectionsActionsClient.g.cs", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
