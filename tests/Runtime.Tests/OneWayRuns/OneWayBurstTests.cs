using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// A burst of one-way messages grows a session's queue past the length it keeps when idle (1,024 entries); once the
/// queue empties it drops the large ring and starts again from its inline slot. The ring keeps its length beside its
/// indices (so a post does not load the array's header), and these tests check that both stay in step across a grow,
/// a drop and a second burst: every message handled once, in the order sent.
/// </summary>
public sealed class OneWayBurstTests
{
    [Fact]
    public async Task A_burst_past_the_retained_ring_then_a_second_burst_are_each_handled_in_the_order_sent()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Batched.Client session = await Batched.StartAsync(host);

        await OneWayRunTests.QueueBehindHoldAsync(session, () => PostRange(session, 0, 3_000));

        // Answered after the burst (an awaited message queued behind it): the queue has emptied and gone idle.
        Assert.Equal(Enumerable.Range(0, 3_000), await session.CountedAsync().Guarded());

        await OneWayRunTests.QueueBehindHoldAsync(session, () => PostRange(session, 3_000, 5));

        Assert.Equal(Enumerable.Range(0, 3_005), await session.CountedAsync().Guarded());
    }

    [Fact]
    public async Task Bursts_that_grow_the_ring_step_by_step_keep_their_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Batched.Client session = await Batched.StartAsync(host);

        int sent = 0;
        foreach (int burst in new[] { 1, 2, 3, 5, 17, 200, 900 })
        {
            int from = sent;
            await OneWayRunTests.QueueBehindHoldAsync(session, () => PostRange(session, from, burst));
            sent += burst;
        }

        Assert.Equal(Enumerable.Range(0, sent), await session.CountedAsync().Guarded());
    }

    private static void PostRange(Batched.Client session, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            Assert.True(session.PostCount(i));
        }
    }
}
