namespace SessionGen.Infrastructure;

/// <summary>
/// A task scheduler that the code calling a session host vouches for as a safe place to run a session's turn, as the
/// thread pool is: one that never blocks on the turn and lets other work interleave with a handler that awaits.
/// SessionGen.Orleans' session grain (reentrant) vouches for its activation's scheduler around each send, so the turn
/// runs on the activation's thread instead of costing a hop to the thread pool and back.
/// </summary>
/// <remarks>
/// Per thread and only while the scope is open; honoured only for the outermost turn on the thread (a handler run
/// there that sends to another idle session does not run that one inline on the activation too).
/// </remarks>
internal static class VouchedScheduler
{
    [ThreadStatic]
    private static TaskScheduler? vouched;

    /// <summary>Until the scope is disposed, turns begun on this thread while <paramref name="scheduler"/> is current may run here.</summary>
    internal static Scope Vouch(TaskScheduler scheduler)
    {
        TaskScheduler? previous = vouched;
        vouched = scheduler;
        return new Scope(previous);
    }

    /// <summary>True when <paramref name="current"/> is the scheduler vouched for on this thread.</summary>
    internal static bool IsVouchedFor(TaskScheduler current) => vouched is { } scheduler && ReferenceEquals(scheduler, current);

    /// <summary>Puts back what was vouched for before.</summary>
    internal readonly struct Scope(TaskScheduler? previous) : IDisposable
    {
        public void Dispose() => vouched = previous;
    }
}
