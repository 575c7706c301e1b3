using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Telnyx.Sip.Package.Tests;

/// <summary>Runs the dotnet CLI and returns its exit code and output.</summary>
internal static class Dotnet
{
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string nugetPackages, params string[] arguments) =>
        RunAsync(workingDirectory, nugetPackages, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs with <paramref name="environment"/> added to (or, for a null value, removed from) the environment.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string nugetPackages,
        IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A private package folder: a re-packed 0.1.0 must not be shadowed by an older copy in the user's cache.
        start.Environment["NUGET_PACKAGES"] = nugetPackages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        foreach (var variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start dotnet.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        return (process.ExitCode, await output + await error);
    }
}
