using System.Diagnostics;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// Round-trip times of the awaited messages of one invocation, in arrays made once (one per client task, so recording
/// takes no lock and allocates nothing); the percentiles are taken after the invocation, outside the timing.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly long[][] perClient;
    private readonly int[] counts;

    /// <summary>Makes room for <paramref name="perClientCapacity"/> times per client.</summary>
    public LatencyRecorder(int clients, int perClientCapacity)
    {
        perClient = [.. Enumerable.Range(0, clients).Select(_ => new long[perClientCapacity])];
        counts = new int[clients];
    }

    /// <summary>Forgets the last invocation's times.</summary>
    public void Clear() => Array.Clear(counts);

    /// <summary>Records one round trip of <paramref name="client"/> that started at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Record(int client, long startedAt) => perClient[client][counts[client]++] = Stopwatch.GetTimestamp() - startedAt;

    /// <summary>The 50th and 99th percentiles of the recorded times, in nanoseconds.</summary>
    public (double P50, double P99) Percentiles()
    {
        long[] all = new long[counts.Sum()];
        int next = 0;
        for (int client = 0; client < perClient.Length; client++)
        {
            Array.Copy(perClient[client], 0, all, next, counts[client]);
            next += counts[client];
        }

        if (all.Length == 0)
        {
            return (0, 0);
        }

        Array.Sort(all);
        double toNanoseconds = 1e9 / Stopwatch.Frequency;
        return (all[(all.Length - 1) / 2] * toNanoseconds, all[(int)((all.Length - 1) * 0.99)] * toNanoseconds);
    }
}
