using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Telnyx.Sip.Benchmarks -- --filter '*'            full run
// dotnet run -c Release --project benchmarks/Telnyx.Sip.Benchmarks -- --filter '*' --job dry  smoke run (each benchmark once)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
