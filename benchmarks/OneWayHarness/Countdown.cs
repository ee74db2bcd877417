namespace SessionGen.OneWayHarness;

/// <summary>Completes a task once <see cref="Signal"/> has been called a given number of times: every target signals it.</summary>
public sealed class Countdown
{
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int remaining;

    /// <summary>Arms the countdown for <paramref name="count"/> signals and returns the task that completes then.</summary>
    public Task Reset(int count)
    {
        done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref remaining, count);
        return done.Task;
    }

    /// <summary>Counts one signal down.</summary>
    public void Signal()
    {
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            done.TrySetResult();
        }
    }
}
