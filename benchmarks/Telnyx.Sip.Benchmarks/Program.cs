using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Telnyx.Sip.Benchmarks -- --filter '*'            full run
// dotnet run -c Release --project benchmarks/Telnyx.Sip.Benchmarks -- --filter '*' --job dry  smoke run (each benchmark once)
Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();

// A benchmark that threw or did not run fails the command, so that the smoke run in CI can fail.
bool failed = summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
