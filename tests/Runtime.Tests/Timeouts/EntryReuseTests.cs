using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// A session's cancelled timer entries are reused for its next timeouts (TimerWheel.Reuse.cs): a handle made for an
/// earlier use never stops a later one, from any thread, whatever state the later use is in, and reusing changes
/// neither what fires nor the counts.
/// </summary>
public sealed class EntryReuseTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_cancelled_timeouts_entry_is_reused_by_the_sessions_next_timeout()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle first = await stager.ArmThenWorkAsync("first", 10 * Second, _ => { }).Guarded();
        Assert.Equal(1, await stager.CancelAllAsync([first]).Guarded());
        TimeoutHandle second = await stager.ArmThenWorkAsync("second", 10 * Second, _ => { }).Guarded();

        Assert.Same(first.Entry, second.Entry);
        Assert.Equal(1, host.PendingTimeoutCount);
        time.Advance(10 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:second"], await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_handle_of_an_earlier_use_never_cancels_the_pending_later_use_from_any_thread()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle first = await stager.ArmThenWorkAsync("first", 10 * Second, _ => { }).Guarded();
        Assert.True(first.Cancel());
        TimeoutHandle second = await stager.ArmThenWorkAsync("second", 10 * Second, _ => { }).Guarded();
        Assert.Same(first.Entry, second.Entry);

        Assert.False(first.Cancel());
        Assert.False(await Task.Run(first.Cancel).Guarded());
        Assert.Equal(1, host.PendingTimeoutCount);
        Assert.Equal(1, host.Timers.CountLinkedEntries());

        time.Advance(10 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:second"], await stager.LogAsync().Guarded());
        Assert.False(second.Cancel());
    }

    [Fact]
    public async Task A_handle_of_an_earlier_use_never_cancels_the_later_use_staged_in_the_same_handler()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle first = await stager.ArmThenWorkAsync("first", 10 * Second, _ => { }).Guarded();
        Assert.True(first.Cancel());
        bool staleStopped = true;
        bool staleStoppedElsewhere = true;
        TimeoutHandle second = await stager.ArmThenWorkAsync(
            "second",
            10 * Second,
            _ =>
            {
                staleStopped = first.Cancel();
                staleStoppedElsewhere = Task.Run(first.Cancel).GetAwaiter().GetResult();
            }).Guarded();

        Assert.Same(first.Entry, second.Entry);
        Assert.False(staleStopped);
        Assert.False(staleStoppedElsewhere);
        Assert.Equal(1, host.PendingTimeoutCount);
        time.Advance(10 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:second"], await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_handle_of_an_earlier_use_never_cancels_the_later_use_once_it_is_due_and_queued()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);

        TimeoutHandle first = await stager.ArmThenWorkAsync("first", 10 * Ms, _ => { }).Guarded();
        Assert.True(first.Cancel());
        TimeoutHandle second = await stager.ArmThenWorkAsync("second", 10 * Ms, _ => { }).Guarded();
        Assert.Same(first.Entry, second.Entry);

        // The session is busy in this handler while the second use comes due: it waits queued in the mailbox.
        bool staleStopped = true;
        await stager.WorkThenArmAsync(
            "later",
            Second,
            () =>
            {
                time.Advance(10 * Ms);
                staleStopped = Task.Run(first.Cancel).GetAwaiter().GetResult() || first.Cancel();
            }).Guarded();

        Assert.False(staleStopped);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(["ring:second"], await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task Each_use_of_a_reused_entry_is_cancelled_at_most_once_and_only_by_its_own_handle()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        var handles = new List<TimeoutHandle>();

        for (int use = 0; use < 5; use++)
        {
            TimeoutHandle handle = await stager.ArmThenWorkAsync("use" + use, 10 * Second, _ => { }).Guarded();
            Assert.Same(handles.Count == 0 ? handle.Entry : handles[0].Entry, handle.Entry);
            foreach (TimeoutHandle earlier in handles)
            {
                Assert.False(earlier.Cancel());
            }

            Assert.Equal(1, host.PendingTimeoutCount);
            Assert.True(handle.Cancel());
            Assert.False(handle.Cancel());
            Assert.Equal(0, host.PendingTimeoutCount);
            handles.Add(handle);
        }

        Assert.Equal(0, host.Timers.CountLinkedEntries());
        time.Advance(20 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Empty(await stager.LogAsync().Guarded());
    }

    [Fact]
    public async Task Many_cancelled_timeouts_of_both_kinds_are_reused_and_the_reused_ones_fire_once_each()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        const int count = 1_000;

        TimeoutHandle[] first = await stager.ArmManyAsync(count, 10 * Second).Guarded();
        Assert.Equal(count, await stager.CancelAllAsync(first).Guarded());
        TimeoutHandle[] second = await stager.ArmManyAsync(count, 10 * Second).Guarded();

        var earlier = new HashSet<object>(first.Select(static handle => (object)handle.Entry!), ReferenceEqualityComparer.Instance);
        Assert.True(second.Count(handle => earlier.Contains(handle.Entry!)) >= count - 2);
        Assert.Equal(0, first.Count(static handle => handle.Cancel()));
        Assert.Equal(count, host.PendingTimeoutCount);

        time.Advance(10 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(count, await stager.FiredAsync().Guarded());
        Assert.Equal(0, first.Concat(second).Count(static handle => handle.Cancel()));
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task Old_handles_cancelled_from_another_thread_while_the_session_reuses_their_entries_never_stop_a_later_use()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Stager.Client stager = await Stager.StartAsync(host);
        var stale = new List<TimeoutHandle>();
        TimeoutHandle[] published = [];
        bool stop = false;
        int stolen = 0;

        Task attacker = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                foreach (TimeoutHandle handle in Volatile.Read(ref published))
                {
                    if (handle.Cancel())
                    {
                        Interlocked.Increment(ref stolen);
                    }
                }
            }
        });

        for (int round = 0; round < 50; round++)
        {
            TimeoutHandle[] handles = await stager.ArmManyAsync(100, 10 * Second).Guarded();
            Assert.Equal(100, await stager.CancelAllAsync(handles).Guarded());
            stale.AddRange(handles);
            Volatile.Write(ref published, stale.ToArray());
        }

        Volatile.Write(ref stop, true);
        await attacker.Guarded();
        Assert.Equal(0, Volatile.Read(ref stolen));
        Assert.Equal(0, host.PendingTimeoutCount);
        Assert.Equal(0, host.Timers.CountLinkedEntries());
        time.Advance(20 * Second);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(0, await stager.FiredAsync().Guarded());
    }
}
