namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// Counts what subscribers received and which welcome timeouts fired, for both libraries the same way; an invocation
/// ends when every expected event has been delivered. Setup checks the exact counts (<see cref="Check"/>), so both
/// sides are shown to do the same work.
/// </summary>
public sealed class SeedTally
{
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int remaining;
    private int welcomes;

    /// <summary>Events delivered since the last <see cref="Arm"/>.</summary>
    public int Delivered => SeedWorkload.Deliveries - Volatile.Read(ref remaining);

    /// <summary>Welcome timeouts fired since the last <see cref="Arm"/>.</summary>
    public int WelcomesFired => Volatile.Read(ref welcomes);

    /// <summary>Arms the tally for one invocation; the task completes when every event of it has been delivered.</summary>
    public Task Arm()
    {
        Check();
        done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref welcomes, 0);
        Volatile.Write(ref remaining, SeedWorkload.Deliveries);
        return done.Task;
    }

    /// <summary>A subscriber received an event.</summary>
    public void EventDelivered()
    {
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            done.TrySetResult();
        }
    }

    /// <summary>A welcome timeout ran.</summary>
    public void WelcomeFired() => Interlocked.Increment(ref welcomes);

    /// <summary>
    /// Throws unless the last invocation delivered exactly the expected events (none missing, none extra) and fired
    /// exactly one welcome per join. Called before every invocation, after the first one.
    /// </summary>
    public void Check()
    {
        int left = Volatile.Read(ref remaining);
        int fired = Volatile.Read(ref welcomes);
        bool fresh = left == 0 && fired == 0;
        if (!fresh && (left != 0 || fired != SeedWorkload.Welcomes))
        {
            throw new InvalidOperationException(
                $"The seed workload did not do its work: {SeedWorkload.Deliveries - left:N0} of {SeedWorkload.Deliveries:N0} events delivered, {fired:N0} of {SeedWorkload.Welcomes:N0} welcomes fired.");
        }
    }
}
