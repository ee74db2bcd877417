using System.Diagnostics;

namespace SessionGen.Infrastructure;

/// <summary>
/// The timeline of one sequential call through the cluster, for the benchmark's <c>--cluster-timeline</c>: each
/// <see cref="Mark"/> on the call's path (the caller's send, the grain's entry, the turn, the handler, the reply) keeps
/// a timestamp and the thread it ran on. The calls exist only in a build with <c>-p:CallTimeline=true</c> (the
/// <c>CALL_TIMELINE</c> symbol, see Directory.Build.props): every other build compiles them out.
/// </summary>
internal static class CallTimeline
{
    /// <summary>The points a call may mark (indices into a call's slots).</summary>
    public const int Points = 24;

    /// <summary>How many calls are kept (a ring: call numbers wrap).</summary>
    public const int Capacity = 8192;

    /// <summary>Marks are taken only while this is set.</summary>
    public static volatile bool On;

    /// <summary>The number of the call in flight, advanced by the benchmark's caller (one call at a time).</summary>
    public static int Call;

    /// <summary>Each call's timestamps (<see cref="Stopwatch.GetTimestamp"/>), <see cref="Points"/> per call.</summary>
    public static readonly long[] Stamps = new long[Capacity * Points];

    /// <summary>Each call's thread ids, as <see cref="Stamps"/>.</summary>
    public static readonly int[] Threads = new int[Capacity * Points];

    /// <summary>The caller's next call (compiled out as <see cref="Mark"/> is).</summary>
    [Conditional("CALL_TIMELINE")]
    public static void Advance() => Call++;

    /// <summary>Keeps the time and thread of <paramref name="point"/> for the call in flight.</summary>
    [Conditional("CALL_TIMELINE")]
    public static void Mark(int point)
    {
        if (!On)
        {
            return;
        }

        int i = ((Call & (Capacity - 1)) * Points) + point;
        Stamps[i] = Stopwatch.GetTimestamp();
        Threads[i] = Environment.CurrentManagedThreadId;
    }
}
