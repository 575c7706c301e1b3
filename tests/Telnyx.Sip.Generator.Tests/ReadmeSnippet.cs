using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// The README's usage example ("Using the client") and the examples of its models section, taken from README.md itself
/// and wrapped in a method, so that the compile test fails when the README drifts from the generated client.
/// </summary>
internal static class ReadmeSnippet
{
    public static string Source
    {
        get
        {
            string readme = File.ReadAllText(Path.Combine(GeneratorHarness.RepoRoot, "README.md"));
            int section = readme.IndexOf("## Using the client", StringComparison.Ordinal);
            Match block = Regex.Match(readme[section..], "```csharp\\n(.*?)```", RegexOptions.Singleline);
            if (section < 0 || !block.Success)
            {
                throw new InvalidOperationException("README.md has no C# example under '## Using the client'.");
            }

            string[] lines = block.Groups[1].Value.Split('\n');
            string usings = string.Join("\n", lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal)));
            string body = string.Join("\n", lines.Where(l => !l.StartsWith("using ", StringComparison.Ordinal)));

            // Each example of the models section in a scope of its own.
            int models = readme.IndexOf("### Models:", StringComparison.Ordinal);
            int modelsEnd = readme.IndexOf("\n### ", models + 1, StringComparison.Ordinal);
            if (models < 0 || modelsEnd < 0)
            {
                throw new InvalidOperationException("README.md has no '### Models:' section.");
            }

            foreach (Match example in Regex.Matches(readme[models..modelsEnd], "```csharp\n(.*?)```", RegexOptions.Singleline))
            {
                body += "\n{\n" + example.Groups[1].Value + "}\n";
            }
            return $$"""
                using System;
                using System.Threading.Tasks;
                {{usings}}

                public static class Example
                {
                    public static async Task RunAsync()
                    {
                {{body}}
                    }
                }
                """;
        }
    }
}
