using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// Several processes under both GCs (<see cref="ProcessesConfig"/>) and the seed workload's own columns, each the
/// median over processes [min-max] of a process's median iteration. Fields after the meter's four:
/// message phase ns, events delivered, p50 ns, p99 ns (<see cref="SeedBenchmarks.Report"/>).
/// </summary>
public sealed class SeedConfig : ProcessesConfig
{
    private const int MessagePhase = MeterLines.Extra;
    private const int Deliveries = MeterLines.Extra + 1;
    private const int P50 = MeterLines.Extra + 2;
    private const int P99 = MeterLines.Extra + 3;

    /// <summary>Creates the config.</summary>
    public SeedConfig() => AddColumn(
        new PerProcessColumn(
            "Msg/s (k)",
            "Awaited Join/Leave messages per second, in thousands, over the time until every client had its last answer",
            lines => Statistics.Median(lines.Select(line => line[MeterLines.Operations] / line[MessagePhase] * 1e6).ToArray()),
            "N0"),
        new PerProcessColumn(
            "Events/s (k)",
            "Events delivered to subscribers per second, in thousands, over the whole invocation (it ends with the last welcome, 500 ms after the last join)",
            lines => Statistics.Median(lines.Select(line => line[Deliveries] / line[MeterLines.Wall] * 1e6).ToArray()),
            "N0"),
        new PerProcessColumn(
            "p50 us",
            "Median round trip of an awaited Join or Leave, microseconds",
            lines => Statistics.Median(lines.Select(line => line[P50] / 1e3).ToArray()),
            "N1"),
        new PerProcessColumn(
            "p99 us",
            "99th percentile round trip of an awaited Join or Leave, microseconds",
            lines => Statistics.Median(lines.Select(line => line[P99] / 1e3).ToArray()),
            "N1"));
}
