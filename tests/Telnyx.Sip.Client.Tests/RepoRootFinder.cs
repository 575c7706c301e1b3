using System;
using Telnyx.Sip.Runtime;
using System.IO;

namespace Telnyx.Sip.Client.Tests;

/// <summary>Finds the repository root, the folder holding Telnyx.Sip.Generator.sln.</summary>
internal static class RepoRootFinder
{
    public static string Find()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Telnyx.Sip.Generator.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
