using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SessionGen.Benchmarks.Durability;

// Not a benchmark: the passivation memory and disk figures (docs/performance.md, Durable sessions).
if (args.Length > 0 && args[0] == "--million")
{
    return await MillionSessions.RunAsync(args[1..]);
}

// Not a benchmark: process CPU time, allocations and thread hops per call through the cluster (docs/performance.md, Orleans).
if (args.Length > 0 && args[0] == "--cluster-cpu")
{
    return await SessionGen.Benchmarks.Cluster.ClusterCpu.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "--cluster-timeline")
{
    return await SessionGen.Benchmarks.Cluster.ClusterTimeline.RunAsync(args[1..]);
}

// Not a benchmark: the seed workload's CPU time and allocations per message, SessionGen and Akka.NET alternating (docs/performance.md, seed).
if (args.Length > 0 && args[0] == "--seed-cpu")
{
    return await SessionGen.Benchmarks.Seed.SeedCpu.RunAsync(args[1..]);
}

// Building BenchmarkDotNet's boilerplate project can take minutes on a busy 2-core machine: allow 10.
IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
