using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Building BenchmarkDotNet's boilerplate project can take minutes on a busy 2-core machine: allow 10.
IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
