using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// Review attacks on the reuse of cancelled timer entries (TimerWheel.Reuse.cs): what a spare entry still holds, a
/// handle kept across the whole version space, and cancels racing the clock's tick and the reuse of the same entries.
/// </summary>
public sealed class ReuseAttackTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_spare_entry_does_not_keep_the_arguments_of_the_cancelled_timeout_alive()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider _);
        Stager.Client stager = await Stager.StartAsync(host);

        // Linked in the wheel when cancelled: its entry becomes a spare; its handle is gone (the test keeps none).
        WeakReference payload = await ArmAndCancelWithPayloadAsync(stager).Guarded();

        Collect();
        Assert.False(payload.IsAlive);
        GC.KeepAlive(stager);
    }

    [Fact]
    public async Task A_spare_entry_does_not_keep_the_closure_of_the_cancelled_callback_alive()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider _);
        Stager.Client stager = await Stager.StartAsync(host);

        // A callback timeout of the session scheduled from outside its handlers (linked in the wheel at once), cancelled
        // from this thread: its entry becomes a spare; the array its closure captured must not stay with it.
        WeakReference captured = ArmAndCancelClosure(host, stager);

        Collect();
        Assert.False(captured.IsAlive);
        GC.KeepAlive(stager);
    }

    [Fact]
    public async Task A_handle_kept_across_the_whole_version_space_never_cancels_a_later_use()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle first = await stager.ArmThenWorkAsync("first", 10 * Second, _ => { }).Guarded();
        TimerEntry entry = first.Entry!;

        // Stands for 2^30 - 1 reuses of the entry since `first` was made (each one a schedule and a cancel): its version
        // is the last one before the word wraps.
        entry.TimerState = ~TimerEntry.StateMask | TimerEntry.Pending;
        var latest = new TimeoutHandle(entry);
        Assert.True(latest.Cancel());

        TimeoutHandle second = await stager.ArmThenWorkAsync("second", 10 * Second, _ => { }).Guarded();
        Assert.False(first.Cancel()); // the first use was over long ago
        Assert.Equal(1, host.PendingTimeoutCount);
        time.Advance(10 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:second"], await stager.LogAsync().Guarded());
        Assert.False(second.Cancel());
    }

    [Fact]
    public async Task Every_use_either_fires_once_or_is_cancelled_once_while_cancels_race_the_tick_and_the_reuse()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        var random = new Random(20261127);
        const int perRound = 64;
        const int rounds = 300;
        var stale = new List<TimeoutHandle>();
        int armed = perRound;
        int stopped = 0;
        int staleStopped = 0;

        TimeoutHandle[] current = await stager.ArmManyAsync(perRound, 10 * Ms).Guarded();
        for (int round = 0; round < rounds; round++)
        {
            TimeoutHandle[] victims = current;
            TimeoutHandle[] old = stale.ToArray();
            int cancelFrom = random.Next(perRound);
            bool advance = random.Next(3) != 0;
            using var barrier = new Barrier(3);

            Task<int> canceller = Task.Run(() =>
            {
                barrier.SignalAndWait();
                int count = 0;
                for (int i = 0; i < perRound; i++)
                {
                    count += victims[(cancelFrom + i) % perRound].Cancel() ? 1 : 0;
                }

                return count;
            });
            Task<int> staleCanceller = Task.Run(() =>
            {
                barrier.SignalAndWait();
                int count = 0;
                foreach (TimeoutHandle handle in old)
                {
                    count += handle.Cancel() ? 1 : 0;
                }

                return count;
            });
            Task<TimeoutHandle[]> arming = Task.Run(async () =>
            {
                barrier.SignalAndWait();
                if (advance)
                {
                    time.Advance(10 * Ms);
                }

                return await stager.ArmManyAsync(perRound, 10 * Ms).ConfigureAwait(false);
            });

            stopped += await canceller.Guarded();
            staleStopped += await staleCanceller.Guarded();
            current = await arming.Guarded();
            armed += perRound;
            stale.AddRange(victims);
            if (stale.Count > 4 * perRound)
            {
                stale.RemoveRange(0, perRound);
            }
        }

        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        int fired = await stager.FiredAsync().Guarded();

        Assert.Equal(0, staleStopped);
        Assert.Equal(armed, fired + stopped);
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        Assert.Equal(0, current.Count(static handle => handle.Cancel()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> ArmAndCancelWithPayloadAsync(Stager.Client stager)
    {
        (WeakReference payload, Task<TimeoutHandle> arming) = StartArming(stager);
        TimeoutHandle[] handles = [await arming.ConfigureAwait(false)];
        if (await stager.CancelAllAsync(handles).ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException("The timeout was not cancelled.");
        }

        handles[0] = default;
        return payload;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Payload, Task<TimeoutHandle> Arming) StartArming(Stager.Client stager)
    {
        string label = new('x', 1 << 16);
        return (new WeakReference(label), stager.ArmThenWorkAsync(label, 10 * Second, static _ => { }).AsTask());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ArmAndCancelClosure(SessionHost host, Stager.Client stager)
    {
        byte[] big = new byte[1 << 16];
        SessionContext session = FindSession(host, stager);
        TimeoutHandle handle = host.Timers.Schedule(session, 10 * Second, (Action)(() => big[0]++));
        if (!handle.Cancel())
        {
            throw new InvalidOperationException("The timeout was not cancelled.");
        }

        return new WeakReference(big);
    }

    private static SessionContext FindSession(SessionHost host, Stager.Client stager)
    {
        GC.KeepAlive(stager);
        return host.RunningSessions.Single();
    }

    private static void Collect()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
