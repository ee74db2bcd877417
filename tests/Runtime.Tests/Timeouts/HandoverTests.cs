using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// A handler's timeouts wait on its thread and reach the wheel together when its synchronous part returns (one gate,
/// one clock read): none fires early however long the handler runs, a cancel before the handover (by the handler or
/// by another thread) stops it, and what an ended session or a later await schedules behaves as before.
/// </summary>
public sealed class HandoverTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_timeout_scheduled_late_in_a_long_handler_is_due_its_delay_after_it_was_scheduled_never_earlier()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        // The handler runs 5 s before it schedules: due at 15 s, not at 10 s (a clock read at the turn's start).
        await stager.WorkThenArmAsync("late", 10 * Second, () => time.Advance(5 * Second)).Guarded();

        time.Advance(10 * Second - Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await stager.LogAsync().Guarded());

        time.Advance(Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:late"], await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_scheduled_early_in_a_long_handler_fires_after_its_delay_and_at_most_the_handlers_rest_late()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        await stager.ArmThenWorkAsync("early", 10 * Second, _ => time.Advance(5 * Second)).Guarded();

        time.Advance(5 * Second - Ms); // 10 s after it was scheduled, less a tick
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await stager.LogAsync().Guarded());

        time.Advance(5 * Second + Ms); // 10 s after the handler returned
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:early"], await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_cancelled_by_the_handler_that_scheduled_it_never_fires_and_is_not_pending()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        bool[] cancels = await stager.ArmAndCancelAsync("gone", 10 * Ms).Guarded();

        Assert.Equal([true, false], cancels);
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_cancelled_from_another_thread_before_its_handler_returns_never_fires()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        bool stoppedElsewhere = false;

        TimeoutHandle handle = await stager.ArmThenWorkAsync(
            "elsewhere",
            10 * Ms,
            staged => stoppedElsewhere = Task.Run(staged.Cancel).GetAwaiter().GetResult()).Guarded();

        Assert.True(stoppedElsewhere);
        Assert.False(handle.Cancel());
        Assert.Equal(0, host.PendingTimeoutCount);
        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task The_handler_and_another_thread_cancelling_the_same_staged_timeout_at_once_stop_it_exactly_once()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        const int rounds = 2_000;
        int stops = 0;

        for (int round = 0; round < rounds; round++)
        {
            await stager.ArmThenWorkAsync(
                "raced",
                10 * Ms,
                staged =>
                {
                    using var start = new Barrier(2);
                    Task<bool> other = Task.Run(() =>
                    {
                        start.SignalAndWait();
                        return staged.Cancel();
                    });
                    start.SignalAndWait();
                    bool mine = staged.Cancel();
                    stops += (mine ? 1 : 0) + (other.GetAwaiter().GetResult() ? 1 : 0);
                }).Guarded();
        }

        Assert.Equal(rounds, stops);
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_scheduled_by_the_handler_that_ends_its_session_never_fires_and_cannot_be_cancelled()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle handle = await stager.ArmThenEndAsync("orphan", 10 * Ms).Guarded();

        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.False(handle.Cancel());
        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task Timeouts_scheduled_before_and_after_an_await_each_fire_their_delay_after_they_were_scheduled()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        var release = new TaskCompletionSource();

        Task handled = stager.ArmAcrossAwaitAsync(100 * Ms, release.Task).AsTask();

        // Handed over at the await, while the handler still runs (on whichever thread its turn took).
        Assert.True(SpinWait.SpinUntil(() => host.PendingTimeoutCount == 1, TestHosts.Guard));
        time.Advance(50 * Ms);
        release.SetResult();
        await handled.Guarded();

        time.Advance(50 * Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:before-await"], await stager.LogAsync().Guarded());
        time.Advance(50 * Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:before-await", "ring:after-await"], await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_handler_scheduling_many_timeouts_reads_the_clock_once_for_all_of_them()
    {
        var fake = new FakeTimeProvider();
        var clock = new CountingTimeProvider(fake);
        await using var host = new SessionHost(new SessionHostOptions { TimeProvider = clock });
        Stager.Client stager = await Stager.StartAsync(host);

        int before = clock.Timestamps;
        TimeoutHandle[] handles = await stager.ArmManyAsync(1_000, Second).Guarded();
        int reads = clock.Timestamps - before;

        Assert.InRange(reads, 1, 2); // the handover's read, and the timer's setting
        Assert.Equal(1_000, host.PendingTimeoutCount);
        fake.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(1_000, await stager.FiredAsync().Guarded());
        Assert.Equal(0, await stager.CancelAllAsync(handles).Guarded());
    }

    [Fact]
    public async Task A_million_pending_timeouts_of_one_handler_are_all_counted_all_cancelled_and_none_fires()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        const int count = 1_000_000;

        TimeoutHandle[] handles = await stager.ArmManyAsync(count, 10 * Second).Guarded();
        Assert.Equal(count, host.PendingTimeoutCount);
        Assert.Equal(count, TimeoutProbe.PendingTimeouts(host, stager.Id));

        Assert.Equal(count, await stager.CancelAllAsync(handles).Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        time.Advance(20 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(0, await stager.FiredAsync().Guarded());
    }

    /// <summary>Counts the clock reads of a <see cref="FakeTimeProvider"/>.</summary>
    private sealed class CountingTimeProvider(FakeTimeProvider inner) : TimeProvider
    {
        private int timestamps;

        public int Timestamps => Volatile.Read(ref timestamps);

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp()
        {
            Interlocked.Increment(ref timestamps);
            return inner.GetTimestamp();
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }
}
