using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A stored session's wake-up falls due while its store is down: the load fails. Nothing else would load the session,
/// so the wake-up is tried again, each time a little later (1 s, 2 s, 4 s, … up to a minute), until the store answers;
/// the timeout then fires once. A host that stops tries no more.
/// </summary>
public sealed class WakeUpRetryTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_wake_up_whose_load_fails_is_retried_with_a_growing_delay_and_its_timeout_fires_once_the_store_recovers()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        var failures = new WakeUpFailures();
        (SessionHost host, SessionId id) = await StoreDownWhenDueAsync(hosts, store, failures);

        // Failed once when due; then again 1 s and 2 s later (never sooner), each failure reported.
        Assert.Equal(1, failures.Count);
        hosts.Time.Advance(Second - Tick);
        Assert.Equal(1, failures.Count);
        hosts.Time.Advance(Tick);
        Assert.Equal(2, failures.Count);
        hosts.Time.Advance(2 * Second - Tick);
        Assert.Equal(2, failures.Count);
        hosts.Time.Advance(Tick);
        Assert.Equal(3, failures.Count);

        // The store is back: the next try, 4 s later, loads the session, and its overdue timeout runs once.
        store.FailReads = null;
        hosts.Time.Advance(4 * Second);
        Assert.True(host.Contains(id));
        hosts.Time.Advance(Tick);
        Assert.Equal(["reminder:later"], await Journal.Connect(host, id).EntriesAsync().Guarded());
        hosts.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(["reminder:later"], await Journal.Connect(host, id).EntriesAsync().Guarded());
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public async Task The_delay_between_wake_up_retries_stops_growing_at_a_minute()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        var failures = new WakeUpFailures();
        _ = await StoreDownWhenDueAsync(hosts, store, failures);

        // 1, 2, 4, 8, 16, 32 s, then a minute each time.
        foreach (int seconds in new[] { 1, 2, 4, 8, 16, 32, 60, 60, 60 })
        {
            int before = failures.Count;
            hosts.Time.Advance(seconds * Second);
            Assert.Equal(before + 1, failures.Count);
        }
    }

    [Fact]
    public async Task A_host_that_stops_tries_its_failed_wake_ups_no_more()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        var failures = new WakeUpFailures();
        (SessionHost host, _) = await StoreDownWhenDueAsync(hosts, store, failures);
        hosts.Time.Advance(Second);
        Assert.Equal(2, failures.Count);
        int reads = store.ReadCount;

        await host.DisposeAsync().AsTask().Guarded();
        hosts.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(reads, store.ReadCount);
        Assert.Equal(2, failures.Count);
    }

    /// <summary>A journal with a timeout due in 30 s, on a restarted host whose store fails every read when it falls due.</summary>
    private static async Task<(SessionHost Host, SessionId Id)> StoreDownWhenDueAsync(DurableHosts hosts, ReloadGatedStore store, WakeUpFailures failures)
    {
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.RemindInAsync("later", 30).Guarded();
        await first.DisposeAsync().AsTask().Guarded();
        SessionHost second = hosts.Start(observer: failures);
        await second.RecoverAsync().Guarded();

        store.FailReads = new IOException("the store is down");
        hosts.Time.Advance(30 * Second);
        Assert.False(second.Contains(journal.Id));
        return (second, journal.Id);
    }

    private sealed class WakeUpFailures : SessionObserver
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void WakeUpFailed(SessionId id, string process, Exception exception)
        {
            Assert.IsType<IOException>(exception);
            Interlocked.Increment(ref count);
        }
    }
}
