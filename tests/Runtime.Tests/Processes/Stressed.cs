namespace SessionGen.Runtime.Tests.Processes;

/// <summary>What a stress message asks its handler to do.</summary>
public enum StressKind
{
    Work,
    Yield,
    Fail,
    End,
}

/// <summary>
/// The stress test's process: it checks, per session, that no two handlers overlap and that each sender's
/// messages arrive in the order sent, and counts every handler run in <see cref="StressLedger"/>.
/// </summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class Stressed
{
    private readonly long[] lastSequence = Enumerable.Repeat(-1L, StressLedger.MaxSenders).ToArray();
    private int running;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Work")]
    private async ValueTask<int> Work(int sender, long sequence, StressKind kind)
    {
        if (Interlocked.Increment(ref running) != 1)
        {
            Interlocked.Increment(ref StressLedger.Overlaps);
        }

        if (sequence <= lastSequence[sender])
        {
            Interlocked.Increment(ref StressLedger.OrderViolations);
        }

        lastSequence[sender] = sequence;
        Interlocked.Increment(ref StressLedger.HandlerRuns);
        try
        {
            switch (kind)
            {
                case StressKind.Yield:
                    await Task.Yield();
                    break;
                case StressKind.Fail:
                    throw new InvalidOperationException("planned fault");
                case StressKind.End:
                    EndSession();
                    break;
            }

            return 1;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }
}

/// <summary>Counters shared by every <see cref="Stressed"/> session of one stress run.</summary>
public static class StressLedger
{
    public const int MaxSenders = 8;
    public static int Overlaps;
    public static int OrderViolations;
    public static long HandlerRuns;

    public static void Reset()
    {
        Overlaps = 0;
        OrderViolations = 0;
        HandlerRuns = 0;
    }
}
