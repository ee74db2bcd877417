using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// The handover splices a handler's staged timeouts into the wheel run by run (TimerWheel.Staging.cs): with mixed
/// delays, reused and new entries, and timeouts cancelled while staged (the last one too), every other one is linked
/// once, fires once, in due order and scheduling order, never early.
/// </summary>
public sealed class SpliceTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Mixed_delays_with_reused_entries_and_the_last_one_cancelled_while_staged_fire_in_order()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Splicer.Client splicer = await Splicer.StartAsync(host);

        // Five entries to reuse, then seven timeouts: five reused, two new, the third and the last cancelled while staged.
        TimeoutHandle[] spare = await splicer.ArmAsync([10, 20, 10, 30, 10], []).Guarded();
        Assert.Equal(5, await splicer.CancelAllAsync(spare).Guarded());
        TimeoutHandle[] handles = await splicer.ArmAsync([10, 20, 10, 30, 10, 20, 10], [2, 6]).Guarded();

        Assert.Equal(5, host.PendingTimeoutCount);
        Assert.Equal(5, host.Timers.CountLinkedEntries());
        Assert.Equal(0, spare.Count(static handle => handle.Cancel()));

        time.Advance(10 * Ms - TimeSpan.FromTicks(1));
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await splicer.LogAsync().Guarded());

        time.Advance(30 * Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(new[] { 0, 4, 1, 5, 3 }, await splicer.LogAsync().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        Assert.Equal(0, handles.Count(static handle => handle.Cancel()));
    }

    [Fact]
    public async Task A_handover_of_more_than_one_chunk_with_every_other_timeout_cancelled_links_the_rest_in_order()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Splicer.Client splicer = await Splicer.StartAsync(host);
        const int count = 1_000;
        int[] delays = [.. Enumerable.Range(0, count).Select(static i => 10 + (i / 300))];
        int[] cancelled = [.. Enumerable.Range(0, count).Where(static i => i % 2 == 1)];

        TimeoutHandle[] spare = await splicer.ArmAsync(delays, []).Guarded();
        Assert.Equal(count, await splicer.CancelAllAsync(spare).Guarded());
        await splicer.ArmAsync(delays, cancelled).Guarded();

        Assert.Equal(count / 2, host.PendingTimeoutCount);
        Assert.Equal(count / 2, host.Timers.CountLinkedEntries());
        time.Advance(20 * Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        int[] fired = await splicer.LogAsync().Guarded();
        Assert.Equal(Enumerable.Range(0, count).Where(static i => i % 2 == 0), fired);
    }
}
