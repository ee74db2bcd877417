using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>Hostile cases for the handover of a handler's staged timeouts: faults, ends, nested inline turns, chains.</summary>
public sealed class HandoverAttackTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_handler_that_schedules_then_throws_leaves_the_counts_consistent_and_nothing_pending_after_it_is_due()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        await Assert.ThrowsAnyAsync<Exception>(async () => await stager.ArmThenThrowAsync("faulted", 10 * Ms).Guarded());

        Assert.False(host.Timers.IsGateHeld);
        Assert.InRange(host.PendingTimeoutCount, 0, 1);
        Assert.Equal(host.PendingTimeoutCount, host.Timers.CountLinkedEntries());
        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task Timeouts_scheduled_before_and_after_EndSession_in_one_handler_never_fire_nor_stay_pending()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        await stager.ArmEndThenArmAsync("ending", 10 * Ms).Guarded();

        Assert.Equal(0, host.PendingTimeoutCount);
        time.Advance(Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_nested_inline_turn_keeps_its_timeouts_and_the_outer_handlers_apart()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        (Stager.Client outer, Stager.Client inner, bool wasInline) = await Task.Run(async () =>
        {
            Stager.Client o = await Stager.StartAsync(host);
            Stager.Client i = await Stager.StartAsync(host);
            bool inline = await o.ArmAroundInlineAsync(() => i.WorkThenArmAsync("inner", 10 * Ms, () => { }), 10 * Ms);
            return (o, i, inline);
        }).Guarded();

        Assert.True(wasInline, "the inner turn did not run inline; the test does not test nesting");
        Assert.Equal(2, TimeoutProbe.PendingTimeouts(host, outer.Id));
        Assert.Equal(1, TimeoutProbe.PendingTimeouts(host, inner.Id));
        Assert.Equal(3, host.PendingTimeoutCount);
        time.Advance(10 * Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:outer-before", "ring:outer-after"], await outer.LogAsync().Guarded());
        Assert.Equal(["ring:inner"], await inner.LogAsync().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_timeout_handler_scheduling_the_next_one_chains_each_its_delay_after_the_last()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        await stager.ArmEchoAsync(3, 10 * Ms).Guarded();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1, host.PendingTimeoutCount);
            time.Advance(10 * Ms - TimeSpan.FromTicks(1));
            await TimeoutProbe.WhenSettledAsync(host).Guarded();
            Assert.Equal(i, (await stager.LogAsync().Guarded()).Length);
            time.Advance(TimeSpan.FromTicks(1));
            await TimeoutProbe.WhenSettledAsync(host).Guarded();
            Assert.Equal(i + 1, (await stager.LogAsync().Guarded()).Length);
        }

        Assert.Equal(["echo:3", "echo:2", "echo:1"], await stager.LogAsync().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }
    [Fact]
    public async Task Cancels_from_another_thread_racing_a_chunked_handover_stop_each_timeout_at_most_once_and_keep_the_counts_right()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        const int count = 5_000;

        for (int round = 0; round < 20; round++)
        {
            Task<int>? canceller = null;
            using var go = new Barrier(2);
            await stager.ArmManyThenAsync(
                count,
                10 * Ms,
                handles =>
                {
                    canceller = Task.Run(() =>
                    {
                        go.SignalAndWait();
                        int stopped = 0;
                        for (int i = handles.Length - 1; i >= 0; i--)
                        {
                            stopped += handles[i].Cancel() ? 1 : 0;
                        }

                        return stopped;
                    });
                    go.SignalAndWait(); // the canceller starts as the handler returns and its handover begins
                }).Guarded();

            int stops = await canceller!.Guarded();
            int pending = host.PendingTimeoutCount;
            Assert.Equal(count - stops, pending);
            Assert.Equal(pending, host.Timers.CountLinkedEntries());
            Assert.Equal(pending, TimeoutProbe.PendingTimeouts(host, stager.Id));
            int before = (await stager.LogAsync().Guarded()).Length;
            time.Advance(10 * Ms);
            await TimeoutProbe.WhenSettledAsync(host).Guarded();
            Assert.Equal(before + pending, (await stager.LogAsync().Guarded()).Length);
            Assert.Equal(0, host.PendingTimeoutCount);
        }
    }
    [Fact]
    public async Task A_timeout_staged_when_the_wheel_stops_is_dropped_at_the_handover_without_an_exception()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle handle = await stager.ArmThenWorkAsync("stopped", 10 * Ms, _ => host.Timers.Dispose()).Guarded();

        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.False(handle.Cancel());
        time.Advance(Second);
        Assert.Empty(await stager.LogAsync().Guarded());
    }
}
