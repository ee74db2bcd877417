namespace SessionGen.Sqlite.Tests;

/// <summary>
/// What every <see cref="ISessionStore"/> must do, written once and run against each store (the derived classes; this
/// file is linked into tests/PostgreSql.Tests too).
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected const string Process = "Tests.Process";

    private static readonly DateTimeOffset Noon = new(2030, 1, 2, 12, 0, 0, TimeSpan.FromHours(2));

    private ISessionStore? store;

    /// <summary>The store under test, made on first use.</summary>
    protected ISessionStore Store => store ??= CreateStore();

    /// <summary>A new, empty store.</summary>
    protected abstract ISessionStore CreateStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    protected static SessionRecord Record(
        SessionId id,
        long version,
        byte[]? data = null,
        CorrelationKey[]? keys = null,
        bool ended = false,
        DateTimeOffset? wakeUpAt = null,
        string process = Process) =>
        new(process, id, version, ended, data ?? [(byte)version], keys ?? [], wakeUpAt);

    [Fact]
    public async Task A_first_write_must_be_version_1()
    {
        SessionId id = SessionId.New();
        var conflict = await Assert.ThrowsAsync<SessionStoreConflictException>(() => Store.WriteAsync(Record(id, 2), default).AsTask());
        Assert.Equal(2, conflict.Version);
        Assert.Equal(id, conflict.SessionId);
        Assert.Equal(Process, conflict.Process);
        await Assert.ThrowsAsync<SessionStoreConflictException>(() => Store.WriteAsync(Record(id, 0), default).AsTask());
        Assert.Null(await Store.ReadAsync(Process, id, default));

        await Store.WriteAsync(Record(id, 1), default);
        Assert.Equal(1, (await Store.ReadAsync(Process, id, default))!.Version);
    }

    [Fact]
    public async Task Versions_must_follow_one_by_one()
    {
        SessionId id = SessionId.New();
        await Store.WriteAsync(Record(id, 1), default);
        await Store.WriteAsync(Record(id, 2, [2, 2]), default);

        await Assert.ThrowsAsync<SessionStoreConflictException>(() => Store.WriteAsync(Record(id, 2, [9]), default).AsTask());
        await Assert.ThrowsAsync<SessionStoreConflictException>(() => Store.WriteAsync(Record(id, 4, [9]), default).AsTask());
        await Assert.ThrowsAsync<SessionStoreConflictException>(() => Store.WriteAsync(Record(id, 1, [9]), default).AsTask());

        SessionRecord stored = (await Store.ReadAsync(Process, id, default))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal([2, 2], stored.Data.ToArray());

        await Store.WriteAsync(Record(id, 3), default);
        Assert.Equal(3, (await Store.ReadAsync(Process, id, default))!.Version);
    }

    [Fact]
    public async Task A_conflict_fails_alone_among_concurrent_writes()
    {
        SessionId a = SessionId.New(), b = SessionId.New(), c = SessionId.New();
        await Store.WriteAsync(Record(b, 1), default);

        // Queued together (one batch in a group-committing store): only b's stale version fails.
        Task writeA = Store.WriteAsync(Record(a, 1), default).AsTask();
        Task writeB = Store.WriteAsync(Record(b, 1), default).AsTask();
        Task writeC = Store.WriteAsync(Record(c, 1), default).AsTask();

        await writeA;
        await writeC;
        await Assert.ThrowsAsync<SessionStoreConflictException>(() => writeB);
        Assert.Equal(1, (await Store.ReadAsync(Process, a, default))!.Version);
        Assert.Equal(1, (await Store.ReadAsync(Process, b, default))!.Version);
        Assert.Equal(1, (await Store.ReadAsync(Process, c, default))!.Version);
    }

    [Fact]
    public async Task Writes_of_one_session_queued_together_apply_in_order()
    {
        SessionId id = SessionId.New();
        var writes = new List<Task>();
        for (int version = 1; version <= 50; version++)
        {
            writes.Add(Store.WriteAsync(Record(id, version, BitConverter.GetBytes(version)), default).AsTask());
        }

        await Task.WhenAll(writes);
        SessionRecord stored = (await Store.ReadAsync(Process, id, default))!;
        Assert.Equal(50, stored.Version);
        Assert.Equal(BitConverter.GetBytes(50), stored.Data.ToArray());
    }

    [Fact]
    public async Task Read_returns_the_newest_record_with_its_data_byte_for_byte()
    {
        SessionId id = SessionId.New();
        var random = new Random(13);
        byte[] first = new byte[10_000];
        byte[] second = new byte[70_000];
        random.NextBytes(first);
        random.NextBytes(second);
        DateTimeOffset due = Noon.AddMinutes(5);

        await Store.WriteAsync(Record(id, 1, first), default);
        await Store.WriteAsync(Record(id, 2, second, [new("order", "42"), new("person", "Ann\u001fSmith")], wakeUpAt: due), default);
        byte[] expected = second.ToArray();
        Array.Clear(second); // the caller may reuse its buffer once the write has completed

        SessionRecord stored = (await Store.ReadAsync(Process, id, default))!;
        Assert.Equal(Process, stored.Process);
        Assert.Equal(id, stored.Id);
        Assert.Equal(2, stored.Version);
        Assert.False(stored.Ended);
        Assert.True(expected.AsSpan().SequenceEqual(stored.Data.Span));
        Assert.Equal([new CorrelationKey("order", "42"), new CorrelationKey("person", "Ann\u001fSmith")], stored.Keys);
        Assert.Equal(due, stored.WakeUpAt); // the same instant (offsets may differ)

        // A slice of a larger buffer is stored as the slice.
        byte[] buffer = [1, 2, 3, 4, 5, 6];
        await Store.WriteAsync(Record(id, 3) with { Data = buffer.AsMemory(2, 3) }, default);
        Assert.Equal([3, 4, 5], (await Store.ReadAsync(Process, id, default))!.Data.ToArray());

        // Empty data, ended, no wake-up.
        await Store.WriteAsync(Record(id, 4, [], ended: true), default);
        stored = (await Store.ReadAsync(Process, id, default))!;
        Assert.Equal(0, stored.Data.Length);
        Assert.True(stored.Ended);
        Assert.Null(stored.WakeUpAt);
    }

    [Fact]
    public async Task Read_of_an_unknown_session_or_another_process_is_null()
    {
        SessionId id = new("order-17");
        await Store.WriteAsync(Record(id, 1), default);

        Assert.Null(await Store.ReadAsync(Process, SessionId.New(), default));
        Assert.Null(await Store.ReadAsync("Other.Process", id, default));
        Assert.Equal(id, (await Store.ReadAsync(Process, new SessionId("order-17"), default))!.Id);

        // The same id in another process is another session.
        await Store.WriteAsync(Record(id, 1, [7], process: "Other.Process"), default);
        Assert.Equal([7], (await Store.ReadAsync("Other.Process", id, default))!.Data.ToArray());
        Assert.Equal([1], (await Store.ReadAsync(Process, id, default))!.Data.ToArray());
    }

    [Fact]
    public async Task Find_returns_the_live_session_that_holds_a_key()
    {
        SessionId id = SessionId.New();
        CorrelationKey order = new("order", "42"), person = new("person", "ann");
        await Store.WriteAsync(Record(id, 1, keys: [order, person]), default);

        Assert.Equal(id, await Store.FindAsync(Process, order, default));
        Assert.Equal(id, await Store.FindAsync(Process, person, default));
        Assert.Null(await Store.FindAsync(Process, new("order", "43"), default));
        Assert.Null(await Store.FindAsync(Process, new("person", "42"), default)); // the value in another set
        Assert.Null(await Store.FindAsync("Other.Process", order, default));
    }

    [Fact]
    public async Task Keys_are_replaced_on_each_write()
    {
        SessionId id = SessionId.New();
        CorrelationKey k1 = new("order", "1"), k2 = new("order", "2"), k3 = new("order", "3");
        await Store.WriteAsync(Record(id, 1, keys: [k1, k2]), default);
        await Store.WriteAsync(Record(id, 2, keys: [k2, k3]), default);

        Assert.Null(await Store.FindAsync(Process, k1, default));
        Assert.Equal(id, await Store.FindAsync(Process, k2, default));
        Assert.Equal(id, await Store.FindAsync(Process, k3, default));

        await Store.WriteAsync(Record(id, 3), default);
        Assert.Null(await Store.FindAsync(Process, k2, default));
        Assert.Null(await Store.FindAsync(Process, k3, default));
    }

    [Fact]
    public async Task An_ended_session_drops_its_keys_but_its_record_keeps_them()
    {
        SessionId id = SessionId.New();
        CorrelationKey key = new("order", "42");
        await Store.WriteAsync(Record(id, 1, keys: [key]), default);
        await Store.WriteAsync(Record(id, 2, keys: [key], ended: true), default);

        Assert.Null(await Store.FindAsync(Process, key, default));
        SessionRecord stored = (await Store.ReadAsync(Process, id, default))!;
        Assert.True(stored.Ended);
        Assert.Equal([key], stored.Keys);

        // The key is free for a new session.
        SessionId next = SessionId.New();
        await Store.WriteAsync(Record(next, 1, keys: [key]), default);
        Assert.Equal(next, await Store.FindAsync(Process, key, default));
    }

    [Fact]
    public async Task A_key_listed_by_another_session_goes_to_the_one_written_last_and_stays_with_it()
    {
        // The runtime keeps keys unique; a store does not refuse a write for a key (see SqliteSessionStore remarks).
        SessionId first = SessionId.New(), second = SessionId.New();
        CorrelationKey key = new("order", "42");
        await Store.WriteAsync(Record(first, 1, keys: [key]), default);
        await Store.WriteAsync(Record(second, 1, keys: [key]), default);
        Assert.Equal(second, await Store.FindAsync(Process, key, default));

        // The first session's next records do not take the key away from the second.
        await Store.WriteAsync(Record(first, 2), default);
        Assert.Equal(second, await Store.FindAsync(Process, key, default));
        await Store.WriteAsync(Record(first, 3, ended: true), default);
        Assert.Equal(second, await Store.FindAsync(Process, key, default));
    }

    [Fact]
    public async Task Wake_ups_list_only_sessions_not_ended_whose_newest_record_has_one()
    {
        SessionId due = SessionId.New(), none = SessionId.New(), ended = SessionId.New(), cleared = SessionId.New(), moved = SessionId.New();
        await Store.WriteAsync(Record(due, 1, wakeUpAt: Noon), default);
        await Store.WriteAsync(Record(none, 1), default);
        await Store.WriteAsync(Record(ended, 1, wakeUpAt: Noon), default);
        await Store.WriteAsync(Record(ended, 2, wakeUpAt: Noon, ended: true), default);
        await Store.WriteAsync(Record(cleared, 1, wakeUpAt: Noon), default);
        await Store.WriteAsync(Record(cleared, 2), default);
        await Store.WriteAsync(Record(moved, 1, wakeUpAt: Noon), default);
        await Store.WriteAsync(Record(moved, 2, wakeUpAt: Noon.AddHours(1), process: Process), default);

        var wakeUps = new List<SessionWakeUp>();
        await foreach (SessionWakeUp wakeUp in Store.ReadWakeUpsAsync(default))
        {
            wakeUps.Add(wakeUp);
        }

        Assert.Equal(2, wakeUps.Count);
        SessionWakeUp first = Assert.Single(wakeUps, w => w.Id == due);
        Assert.Equal(Process, first.Process);
        Assert.Equal(Noon, first.DueAt);
        Assert.Equal(Noon.AddHours(1), Assert.Single(wakeUps, w => w.Id == moved).DueAt);
    }

    [Fact]
    public async Task Many_concurrent_writers_all_commit_with_their_final_versions()
    {
        const int sessions = 200, versions = 20;
        SessionId[] ids = Enumerable.Range(0, sessions).Select(_ => SessionId.New()).ToArray();

        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            for (int version = 1; version <= versions; version++)
            {
                await Store.WriteAsync(Record(id, version, [.. id.Value.Select(c => (byte)c), (byte)version], [new("s", id.Value)]), default);
            }
        })));

        foreach (SessionId id in ids)
        {
            SessionRecord stored = (await Store.ReadAsync(Process, id, default))!;
            Assert.Equal(versions, stored.Version);
            Assert.Equal([.. id.Value.Select(c => (byte)c), (byte)versions], stored.Data.ToArray());
            Assert.Equal(id, await Store.FindAsync(Process, new("s", id.Value), default));
        }
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_queued_is_not_stored()
    {
        SessionId id = SessionId.New();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(Record(id, 1), cancelled.Token).AsTask());
        Assert.Null(await Store.ReadAsync(Process, id, default));
        await Store.WriteAsync(Record(id, 1), default); // version 1 is still the next
    }

    [Fact]
    public async Task Reads_honour_a_cancelled_token()
    {
        SessionId id = SessionId.New();
        await Store.WriteAsync(Record(id, 1, keys: [new("k", "1")], wakeUpAt: Noon), default);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ReadAsync(Process, id, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.FindAsync(Process, new("k", "1"), cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SessionWakeUp _ in Store.ReadWakeUpsAsync(cancelled.Token))
            {
            }
        });
    }
}
