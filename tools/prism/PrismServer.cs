using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Mock;

/// <summary>
/// Runs the Prism mock server (pinned in tools/prism/package.json) on a free loopback port, serving an OpenAPI spec
/// with request validation. Installs Prism with <c>npm ci</c> on first use. Dispose stops the server.
/// </summary>
public sealed class PrismServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;

    private PrismServer(Process process, ConcurrentQueue<string> log, Uri baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    /// <summary>The mock's base URL, such as <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Everything Prism printed so far.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Prism's log lines that report a request or response that does not match the spec.</summary>
    public IReadOnlyList<string> Violations => _log.Where(line =>
        line.Contains("Request did not pass the validation rules", StringComparison.Ordinal) ||
        line.Contains("[VALIDATOR] ✖", StringComparison.Ordinal) ||
        line.Contains("Violation:", StringComparison.Ordinal)).ToArray();

    /// <summary>Finds the repository root (the folder holding Telnyx.Sip.Generator.sln) above <paramref name="start"/>.</summary>
    public static string FindRepoRoot(string start)
    {
        for (string? directory = Path.GetFullPath(start); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Telnyx.Sip.Generator.sln")))
            {
                return directory;
            }
        }

        throw new DirectoryNotFoundException($"Cannot find the repository root (Telnyx.Sip.Generator.sln) above {start}.");
    }

    /// <summary>Starts Prism's mock server: every answer comes from the spec's examples, and requests are validated.</summary>
    public static Task<PrismServer> StartAsync(string repoRoot, string specPath, CancellationToken cancellationToken = default) =>
        StartAsync(repoRoot, ["mock", "--errors", specPath], cancellationToken);

    /// <summary>
    /// Starts Prism's validation proxy in front of <paramref name="upstream"/>: it forwards every request and reports
    /// each request and response that breaks the spec (the <c>sl-violations</c> response header, and log lines that
    /// <see cref="Violations"/> collects).
    /// </summary>
    public static Task<PrismServer> StartProxyAsync(string repoRoot, string specPath, Uri upstream, CancellationToken cancellationToken = default) =>
        StartAsync(repoRoot, ["proxy", specPath, upstream.AbsoluteUri.TrimEnd('/')], cancellationToken);

    private static async Task<PrismServer> StartAsync(string repoRoot, string[] command, CancellationToken cancellationToken)
    {
        string toolDirectory = Path.Combine(repoRoot, "tools", "prism");
        string entryPoint = Path.Combine(toolDirectory, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(entryPoint))
        {
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", toolDirectory, TimeSpan.FromMinutes(5), cancellationToken);
        }

        int port = FreePort();
        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = toolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(entryPoint);
        start.ArgumentList.Add(command[0]);
        foreach (string argument in new[] { "-h", "127.0.0.1", "-p", port.ToString() }.Concat(command[1..]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            "Prism exited before it was ready:\n" + string.Join("\n", log)));
        if (!process.Start())
        {
            throw new InvalidOperationException("Cannot start node. Node.js 20 or later must be on the PATH.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrismServer(process, log, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch (Exception error)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("Prism did not start:\n" + string.Join("\n", log), error);
        }

        return server;
    }

    private static async Task RunAsync(string fileName, string arguments, string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        await process.WaitForExitAsync(timeoutSource.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {arguments}' in {directory} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // The process already ended.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
