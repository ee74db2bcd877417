using System.Runtime.CompilerServices;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// Ending a session releases its timeouts (its idle watch, named and anonymous ones) at once: they stop counting as
/// pending, leave the wheel, and no longer keep the ended session in memory until they would have come due.
/// </summary>
public sealed class EndedSessionTimerTests
{
    private const int Sessions = 2_000;

    [Fact]
    public async Task Ending_sessions_releases_their_idle_watches_and_timeouts_at_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var clients = new List<Lingering.Client>();
        var handles = new List<TimeoutHandle>();
        for (int i = 0; i < Sessions; i++)
        {
            Lingering.Client session = await Lingering.StartAsync(host);
            handles.AddRange(await session.PlanAsync());
            clients.Add(session);
        }

        Assert.Equal(3 * Sessions, host.PendingTimeoutCount); // the idle watch, a named and an anonymous timeout each

        foreach (Lingering.Client session in clients)
        {
            await session.CloseAsync().Guarded();
        }

        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        Assert.All(handles, handle => Assert.False(handle.Cancel()));
    }

    [Fact]
    public async Task An_ended_session_is_not_kept_in_memory_by_timeouts_still_far_from_due()
    {
        await using SessionHost host = TestHosts.Create(out _);
        WeakReference[] ended = await StartAndEndAsync(host, Sessions);

        // Another test running in parallel may hold one of these for a moment (a metrics listener walking the live
        // sessions, a pool thread finishing a turn): collect a few times, but a timer that keeps a session would keep
        // it through every one of them.
        int alive = Sessions;
        for (int attempt = 0; attempt < 10 && alive > 0; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            alive = ended.Count(session => session.IsAlive);
        }

        Assert.Equal(0, alive);
    }

    [Fact]
    public async Task Releasing_ended_sessions_keeps_the_timeouts_of_the_live_ones()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        var live = new List<SessionSubscription>();
        for (int i = 0; i < Sessions; i++)
        {
            Lingering.Client session = await Lingering.StartAsync(host);
            await session.PlanAsync();
            if (i % 2 == 0)
            {
                await session.CloseAsync().Guarded();
            }
            else
            {
                live.Add(session.Subscribe());
            }
        }

        Assert.Equal(3 * live.Count, host.PendingTimeoutCount);

        // An hour on, every live session's idle watch ends it (its subscription completes), which releases the rest.
        time.Advance(TimeSpan.FromHours(1));
        foreach (SessionSubscription subscription in live)
        {
            await subscription.ToListAsync().AsTask().Guarded();
            await subscription.DisposeAsync();
        }

        Assert.Equal(0, host.SessionCount);
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
    }

    // Not inlined, and the clients die with its frame: only the weak references to the sessions leave it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference[]> StartAndEndAsync(SessionHost host, int count)
    {
        var sessions = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            Lingering.Client session = await Lingering.StartAsync(host);
            await session.PlanAsync();
            sessions[i] = new WeakReference(host.Find(session.Id, out _));
            await session.CloseAsync().Guarded();
        }

        return sessions;
    }
}
