using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// The config of the comparisons that noise must not decide (issue 16): every row in <see cref="Launches"/> fresh
/// processes, under workstation and under server GC; Median, Min and Max beside the Mean; CPU per operation and the
/// thread pool's size per process (<see cref="PerProcessColumn"/>). A class using it brackets its invocations with
/// <see cref="CpuMeter"/>. When the command line names a job (<c>--job dry</c>, <c>--job short</c>), that job
/// replaces these two, so a quick check stays quick.
/// </summary>
public class ProcessesConfig : ManualConfig
{
    /// <summary>Fresh processes per row and GC mode.</summary>
    public const int Launches = 3;

    /// <summary>Creates the config.</summary>
    public ProcessesConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        AddColumn(PerProcessColumn.CpuPerOperation, PerProcessColumn.PoolThreads);
        if (!CommandLineJob.IsNamed())
        {
            Job measured = Job.Default.WithLaunchCount(Launches).WithWarmupCount(2).WithIterationCount(5);
            AddJob(measured.WithGcServer(false).WithGcConcurrent(true).WithId("Workstation"));
            AddJob(measured.WithGcServer(true).WithGcConcurrent(true).WithId("Server"));
        }
    }
}
