using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// Compares generated files with the committed ones under Snapshots/. Set UPDATE_SNAPSHOTS=1 to accept new output:
/// the folder is rewritten (stale files removed) and the test passes; review the change with git diff.
/// </summary>
internal static class Snapshot
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

    public static string Directory(string name) =>
        Path.Combine(GeneratorHarness.RepoRoot, "tests", "Telnyx.Sip.Generator.Tests", "Snapshots", name);

    /// <summary>Returns a readable report of every difference; empty when the files match.</summary>
    public static string Compare(string name, IReadOnlyDictionary<string, string> files)
    {
        string directory = Directory(name);
        if (Updating)
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            System.IO.Directory.CreateDirectory(directory);
            foreach (var file in files)
            {
                File.WriteAllText(Path.Combine(directory, file.Key), file.Value);
            }

            return "";
        }

        var report = new StringBuilder();
        var committed = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory).ToDictionary(path => Path.GetFileName(path), File.ReadAllText)
            : new Dictionary<string, string>();
        foreach (string missing in committed.Keys.Except(files.Keys).Order())
        {
            report.AppendLine($"- {missing}: committed but no longer generated");
        }

        foreach (var file in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!committed.TryGetValue(file.Key, out string? expected))
            {
                report.AppendLine($"+ {file.Key}: generated but not committed");
                continue;
            }

            string diff = Diff(expected.ReplaceLineEndings("\n"), file.Value.ReplaceLineEndings("\n"));
            if (diff.Length > 0)
            {
                report.AppendLine($"~ {file.Key}:").Append(diff);
            }
        }

        if (report.Length > 0)
        {
            report.Insert(0, $"The generated code differs from the snapshots in {directory}.\n" +
                             "If the change is intended, run the tests with UPDATE_SNAPSHOTS=1 and review the diff.\n\n");
        }

        return report.ToString();
    }

    /// <summary>A compact diff: the changed region between the first and last differing lines, with context.</summary>
    internal static string Diff(string expected, string actual)
    {
        if (expected == actual)
        {
            return "";
        }

        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        int endA = a.Length - 1, endB = b.Length - 1;
        while (endA >= start && endB >= start && a[endA] == b[endB])
        {
            endA--;
            endB--;
        }

        var builder = new StringBuilder();
        builder.AppendLine($"  @@ line {start + 1} @@");
        for (int i = Math.Max(0, start - 2); i < start; i++)
        {
            builder.AppendLine("    " + a[i]);
        }

        for (int i = start; i <= endA && i < start + 40; i++)
        {
            builder.AppendLine("  - " + a[i]);
        }

        for (int i = start; i <= endB && i < start + 40; i++)
        {
            builder.AppendLine("  + " + b[i]);
        }

        return builder.ToString();
    }
}
