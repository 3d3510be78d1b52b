using BenchmarkDotNet.Running;

// All benchmark classes of this assembly; BenchmarkDotNet's own arguments (--filter, --job short, --inProcess …) apply.
BenchmarkSwitcher.FromAssembly(typeof(QuiltMcp.Orleans.Bench.Micro.TokenValidationBenchmarks).Assembly).Run(args);
