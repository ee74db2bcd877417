using System.Diagnostics;
using System.Globalization;

namespace SessionGen.Benchmarks.Durability;

/// <summary>
/// The passivation figure of issue 13 (not a BenchmarkDotNet benchmark: it measures memory and disk, once):
/// <c>dotnet run -c Release --project benchmarks/SessionGen.Benchmarks -- --million [sessions] [passivate-after-ms] [batch]</c>.
/// Starts <c>sessions</c> (1,000,000) durable <see cref="DurableCounter"/> sessions over a new
/// <see cref="SqliteSessionStore"/> file (defaults: WAL, synchronous=FULL) on a host with
/// <c>PassivateAfter = passivate-after-ms</c> (1,000), <c>batch</c> (10,000) concurrent <c>StartAsync</c> calls at a time,
/// dropping every client. Every 100,000 sessions it prints the sessions in memory, the managed heap after a full
/// collection, the process working set and the database file sizes. Then it sends one message to 1,000 sessions
/// started early (passivated long ago: each is loaded from the file again and must answer 1), waits for passivation
/// and prints the same figures once more, with the peak resident set (VmHWM).
/// </summary>
public static class MillionSessions
{
    /// <summary>Runs the measurement; <paramref name="args"/> are the arguments after <c>--million</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var passivateAfter = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000);
        int batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
        const int ReportEvery = 100_000;
        const int Revisited = 1_000;

        string path = DurableHosts.NewPath("million");
        Console.WriteLine($"{total:N0} durable sessions, PassivateAfter {passivateAfter.TotalMilliseconds:N0} ms, {batch:N0} concurrent starts, file {path}");
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} processors, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
        (SessionHost host, SqliteSessionStore store) = DurableHosts.CreateSessionGen(path, passivateAfter);
        var early = new SessionId[Revisited];
        var clock = Stopwatch.StartNew();
        var starts = new Task<DurableCounter.Client>[batch];
        Console.WriteLine("| started | elapsed s | starts/s (since last row) | in memory (SessionCount) | managed heap MB (after full GC) | working set MB | db MB | -wal MB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        TimeSpan lastReport = TimeSpan.Zero;
        int lastStarted = 0;
        for (int started = 0; started < total;)
        {
            int count = Math.Min(batch, total - started);
            for (int i = 0; i < count; i++)
            {
                starts[i] = DurableCounter.StartAsync(host).AsTask();
            }

            for (int i = 0; i < count; i++)
            {
                DurableCounter.Client client = await starts[i];
                if (started + i < Revisited)
                {
                    early[started + i] = client.Id;
                }

                starts[i] = null!;
            }

            started += count;
            if (started % ReportEvery == 0 || started == total)
            {
                TimeSpan now = clock.Elapsed;
                double rate = (started - lastStarted) / (now - lastReport).TotalSeconds;
                lastStarted = started;
                Report(started.ToString("N0", CultureInfo.InvariantCulture), now, rate, host, path);
                lastReport = clock.Elapsed; // the forced collections are not counted in the next rate
            }
        }

        // Sessions started first have long left memory: each message loads one back from the file.
        int stillInMemory = early.Count(host.Contains);
        var loading = Stopwatch.StartNew();
        var answers = new Task<int>[Revisited];
        for (int i = 0; i < Revisited; i++)
        {
            answers[i] = DurableCounter.Connect(host, early[i]).IncrementAsync().AsTask();
        }

        int[] values = await Task.WhenAll(answers);
        Console.WriteLine($"revisited {Revisited:N0} of the first sessions ({stillInMemory:N0} of them still in memory) in {loading.Elapsed.TotalMilliseconds:N0} ms, every answer 1: {values.All(value => value == 1)}");

        await Task.Delay(passivateAfter * 1.5 + TimeSpan.FromMilliseconds(500));
        Report("after idle", clock.Elapsed, double.NaN, host, path);
        Console.WriteLine($"peak resident set (VmHWM): {PeakResidentMegabytes():N0} MB; total wall time {clock.Elapsed.TotalSeconds:N0} s; load average {LoadAverage()}");
        DurableHosts.Stop(host, store);
        DurableHosts.Delete(path);
        return values.All(value => value == 1) ? 0 : 1;
    }

    private static void Report(string label, TimeSpan elapsed, double rate, SessionHost host, string path)
    {
        int inMemory = host.SessionCount;
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        long workingSet = Environment.WorkingSet;
        Console.WriteLine(
            $"| {label} | {elapsed.TotalSeconds:N1} | {(double.IsNaN(rate) ? "-" : rate.ToString("N0", CultureInfo.InvariantCulture))} | {inMemory:N0} | " +
            $"{heap / 1e6:N1} | {workingSet / 1e6:N0} | {FileMegabytes(path):N1} | {FileMegabytes(path + "-wal"):N1} |");
    }

    private static double FileMegabytes(string path) => File.Exists(path) ? new FileInfo(path).Length / 1e6 : 0;

    private static double PeakResidentMegabytes()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1e3;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
