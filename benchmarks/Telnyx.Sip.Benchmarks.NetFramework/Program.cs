using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Telnyx.Sip.Benchmarks;

internal static class Program
{
    // mono Telnyx.Sip.Benchmarks.NetFramework.exe --filter '*' --inProcess    (Mono runs the .NET Framework build here)
    private static int Main(string[] args)
    {
        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
        bool failed = summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
