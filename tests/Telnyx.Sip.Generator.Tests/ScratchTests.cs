using System.IO;
using System.Linq;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

public class ScratchTests
{
    [Fact]
    public void Dump()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.SipSpecText);
        Directory.CreateDirectory("/tmp/gen");
        foreach (var file in result.Results[0].GeneratedSources)
            File.WriteAllText("/tmp/gen/" + file.HintName, file.SourceText.ToString());
        File.WriteAllLines("/tmp/gen/_diags.txt", result.Diagnostics.Select(d => d.ToString())
            .Concat(output.GetDiagnostics().Select(d => d.ToString())));
    }
}
