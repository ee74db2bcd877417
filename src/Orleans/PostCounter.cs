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
    public void Completed(long sequence, Task call)
    {
        _ = call.Exception; // observed: a post's failure is not reported to its sender
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

/// <summary>The state a post's completion continuation needs.</summary>
internal sealed record PostTaken(PostCounter Counter, long Sequence)
{
    public void Completed(Task call) => Counter.Completed(Sequence, call);
}
