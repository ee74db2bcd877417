namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// What the runtime's yield points (SessionGen.Interleaving.Point, Debug builds only) do during a round: the n-th
/// point reached decides from a hash of the round's seed and n whether to do nothing, yield the thread, or spin a
/// little. Which thread reaches the n-th point is up to the scheduler, but the decisions themselves replay.
/// </summary>
internal sealed class SeededChooser
{
    private readonly ulong seed;
    private readonly int percent;
    private long points;

    public SeededChooser(long seed)
    {
        this.seed = (ulong)seed;

        // Some rounds run undisturbed, some are perturbed at half of all points: races need both.
        percent = (int)(Mix64(this.seed) % 4) switch { 0 => 0, 1 => 5, 2 => 20, _ => 50 };
    }

    /// <summary>How many yield points the runtime reached while this chooser was installed.</summary>
    public long Points => Interlocked.Read(ref points);

    public void Choose()
    {
        ulong n = (ulong)Interlocked.Increment(ref points);
        ulong hash = Mix64(seed ^ (n * 0x9E3779B97F4A7C15UL));
        if ((int)(hash % 100) >= percent)
        {
            return;
        }

        switch ((hash >> 8) % 4)
        {
            case 0:
            case 1:
                Thread.Yield();
                break;
            case 2:
                Thread.SpinWait((int)((hash >> 16) % 400));
                break;
            default:
                // Never sleeps a millisecond: SpinOnce with sleep1Threshold -1 only spins and yields.
                var spinner = default(SpinWait);
                for (ulong i = (hash >> 16) % 12; i > 0; i--)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                break;
        }
    }

    // SplitMix64's finalizer: consecutive n give unrelated decisions.
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
