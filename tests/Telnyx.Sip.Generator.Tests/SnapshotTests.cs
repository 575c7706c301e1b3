using System.Linq;
using Microsoft.CodeAnalysis;
using Telnyx.Sip.Generator.Model;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

public class SnapshotTests
{
    [Fact]
    public void GeneratedCodeForTheSipSpecMatchesTheSnapshots()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.SipSpecText);
        var files = result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        string report = Snapshot.Compare("telnyx-sip", files);

        Assert.True(report.Length == 0, report);
    }

    [Fact]
    public void TheSnapshotDiffShowsTheChangedLines()
    {
        string diff = Snapshot.Diff("a\nb\nc\nd\n", "a\nb\nX\nd\n");

        Assert.Contains("@@ line 3 @@", diff);
        Assert.Contains("  - c", diff);
        Assert.Contains("  + X", diff);
    }

    [Fact]
    public void TheSipSpecGeneratesEveryOperationAndCompilesWithoutAnyDiagnostic()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.SipSpecText, sources: ReadmeSnippet.Source);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void EveryOperationOfTheSipSpecBecomesOneMethodOfItsResource()
    {
        var input = new Reading.SpecInput(GeneratorHarness.SipSpecPath, GeneratorHarness.SipSpecText, null, null, true);
        Model.ApiSpec spec = Model.ApiModelBuilder.Build(input, default).Spec!;

        var methods = spec.Resources.WithDescendants()
            .SelectMany(r => r.Operations.Select(o => $"{r.ClassName}.{o.MethodName} {o.HttpMethod} {o.PathTemplate}"))
            .ToList();

        Assert.Equal(36, methods.Count);
        Assert.Contains("CredentialConnectionsClient.List GET /credential_connections", methods);
        Assert.Contains("CredentialConnectionsClient.Create POST /credential_connections", methods);
        Assert.Contains("CredentialConnectionsClient.Retrieve GET /credential_connections/{id}", methods);
        Assert.Contains("CredentialConnectionsClient.Update PATCH /credential_connections/{id}", methods);
        Assert.Contains("CredentialConnectionsClient.Delete DELETE /credential_connections/{id}", methods);
        Assert.Contains("CredentialConnectionsActionsClient.CheckRegistrationStatus POST /credential_connections/{id}/actions/check_registration_status", methods);
        Assert.Contains("AccessIpRangesClient.Delete DELETE /access_ip_ranges/{access_ip_range_id}", methods);
        Assert.Equal(
            ["AccessIpRanges", "Connections", "CredentialConnections", "FqdnConnections", "Fqdns", "IpConnections", "Ips", "OutboundVoiceProfiles"],
            spec.Resources.Select(r => r.PropertyName).Order());
    }
}
