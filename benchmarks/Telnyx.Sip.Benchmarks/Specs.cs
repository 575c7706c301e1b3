using Telnyx.Sip.Runtime;
using System;
using System.IO;

namespace Telnyx.Sip.Benchmarks;

/// <summary>Finds the specs the generator benchmarks read.</summary>
internal static class Specs
{
    public static string RepoRoot { get; } = Find();

    public static string Sip => File.ReadAllText(Path.Combine(RepoRoot, "specs", "telnyx-sip.yaml"));

    public static string Whole
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "telnyx-openapi-2026-07-16.yml"));
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new FileNotFoundException($"The whole Telnyx spec is not at {path}; check out ../shared beside the repository.");
        }
    }

    private static string Find()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (string? directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "Telnyx.Sip.Generator.sln")))
                {
                    return directory;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
