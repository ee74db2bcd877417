namespace SessionGen.Orleans;

/// <summary>
/// A <see cref="ClusterSessionHost"/>'s posts to one session, as one sender: its id, the last number given, and through
/// which number all were taken by the session's grain. A counter made again later (after <see cref="SessionRoutes"/>
/// dropped an idle one) is a new sender, numbered from 1: the grain never mistakes its posts for the old ones.
/// </summary>
internal sealed class PostCounter
{
    // Completed posts above DeliveredThrough (out of order): they join it when the gap below them closes.
    private readonly HashSet<long> completedAbove = new();

    public Guid Sender { get; } = Guid.NewGuid();

    public long Last { get; set; }

    public long DeliveredThrough { get; private set; }

    /// <summary>True when every post numbered so far has been taken (or has failed): nothing of this sender is on its way.</summary>
    public bool IsAllTaken()
    {
        lock (this)
        {
            return Last == DeliveredThrough;
        }
    }

    /// <summary>
    /// The grain call of post <paramref name="sequence"/> is over. Failed or not, it no longer holds the others
    /// back: a failed post may be lost, and a grain that waits for it gives it up after its gap timeout.
    /// </summary>
    public void Completed(long sequence)
    {
        lock (this)
        {
            if (sequence != DeliveredThrough + 1)
            {
                completedAbove.Add(sequence);
                return;
            }

            DeliveredThrough = sequence;
            while (completedAbove.Remove(DeliveredThrough + 1))
            {
                DeliveredThrough++;
            }
        }
    }
}

/// <summary>A post's grain call on its way: when it completes, its number is completed on the counter.</summary>
internal sealed class PostTaken(PostCounter counter, long sequence, ValueTask call)
{
    /// <summary>Completes the number once the call is over (on the thread that completes it, or the thread pool).</summary>
    public void Watch() => call.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Done);

    /// <summary>Reads a completed call once (Orleans' completion source goes back to its pool), observing its failure: a post's failure is not reported to its sender.</summary>
    public static void Observe(ValueTask call)
    {
        try
        {
            call.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // observed
        }
    }

    private void Done()
    {
        Observe(call);
        counter.Completed(sequence);
    }
}
