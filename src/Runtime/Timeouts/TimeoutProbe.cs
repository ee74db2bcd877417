using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// What a test clock needs to know of a host's timeouts: when the next one is due, and when the ones its last advance
/// made due have finished their turns. SessionGen.Testing's <c>SessionTestHost.AdvanceAsync</c> steps its fake clock
/// with it. For SessionGen's own packages; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TimeoutProbe
{
    /// <summary>
    /// The time from now until the earliest timeout still waiting on <paramref name="host"/>'s timer wheel is due (a
    /// session's, or one of the runtime's own: idle watch, wake-up of a stored session, passivation sweep); null when none waits.
    /// </summary>
    public static TimeSpan? NextDue(SessionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Timers.NextDue();
    }

    /// <summary>
    /// Completes once every timeout of <paramref name="host"/> that has fallen due has finished its turn (run, its durable
    /// turn stored and its events published, or answered as never run), and every task the clock started (waking a stored
    /// session) has finished; at once when there is none. Timeouts that fall due meanwhile are waited for too.
    /// </summary>
    /// <remarks>
    /// A timeout is counted when the wheel's tick takes it, before the tick returns: after <c>FakeTimeProvider.Advance</c>
    /// returns, this waits for everything the advance made due.
    /// </remarks>
    public static Task WhenSettledAsync(SessionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Timers.WhenSettled();
    }

    /// <summary>
    /// How many timeouts session <paramref name="id"/> of <paramref name="host"/> has scheduled that have not fallen due
    /// (its own, <c>Schedule{Name}</c> and <c>After</c>; not the runtime's idle watch or hold limits); 0 for a session
    /// that is not in memory.
    /// </summary>
    public static int PendingTimeouts(SessionHost host, SessionId id)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Timers.CountPending(id);
    }
}
