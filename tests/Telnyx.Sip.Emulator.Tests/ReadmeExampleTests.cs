using System;
using System.IO;
using Xunit;

namespace Telnyx.Sip.Emulator.Tests;

/// <summary>The README's emulator example is the code in ReadmeExample.cs, which this project compiles and runs.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_README_shows_the_example_this_project_compiles_and_runs()
    {
        string source = File.ReadAllText(Path.Combine(Sip.RepoRoot, "tests", "Telnyx.Sip.Emulator.Tests", "ReadmeExample.cs")).ReplaceLineEndings("\n");
        string example = source[(source.IndexOf("using System;", StringComparison.Ordinal))..].TrimEnd();
        string readme = File.ReadAllText(Path.Combine(Sip.RepoRoot, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + example + "\n```", readme, StringComparison.Ordinal);
    }
}
