using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>A caller's cancellation stops its own wait wherever it is, and leaves the store working.</summary>
public sealed class CancellationTests : IAsyncLifetime
{
    private TestSchema schema = null!;

    public async Task InitializeAsync() => schema = await TestSchema.CreateAsync();

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task Reads_waiting_for_the_schema_are_cancelled_and_later_reads_succeed()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        using var cancellation = new CancellationTokenSource();

        await using (await schema.HoldSchemaLockAsync())
        {
            Task read = store.ReadAsync(Process, SessionId.New(), cancellation.Token).AsTask();
            Task find = store.FindAsync(Process, new("k", "v"), cancellation.Token).AsTask();
            Task wakeUps = Task.Run(async () =>
            {
                await foreach (SessionWakeUp _ in store.ReadWakeUpsAsync(cancellation.Token))
                {
                }
            });
            await schema.WaitForBlockedBackendAsync();
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(HangGuard));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => find.WaitAsync(HangGuard));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wakeUps.WaitAsync(HangGuard));
        }

        SessionId id = SessionId.New();
        await store.WriteAsync(Record(id, 1), default);
        Assert.Equal(1, (await store.ReadAsync(Process, id, default))!.Version);
    }

    [Fact]
    public async Task A_wake_up_listing_cancelled_half_way_stops_and_the_store_still_reads()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        DateTimeOffset due = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i => store.WriteAsync(Record(SessionId.New(), 1, wakeUpAt: due.AddSeconds(i)), default).AsTask()));
        using var cancellation = new CancellationTokenSource();

        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SessionWakeUp _ in store.ReadWakeUpsAsync(cancellation.Token))
            {
                if (++seen == 10)
                {
                    cancellation.Cancel();
                }
            }
        });

        Assert.InRange(seen, 10, 4_999);
        Assert.Equal(5_000, (await WakeUpsAsync(store)).Count);
    }

    [Fact]
    public async Task A_read_cancelled_while_its_query_runs_is_cancelled()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(Record(id, 1), default);
        using var cancellation = new CancellationTokenSource();

        // Reads wait for nothing but an ACCESS EXCLUSIVE lock (as ALTER TABLE takes).
        await using (await schema.HoldReadLockAsync())
        {
            Task read = store.ReadAsync(Process, id, cancellation.Token).AsTask();
            await schema.WaitForBlockedBackendAsync();
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(HangGuard));
        }

        Assert.Equal(1, (await store.ReadAsync(Process, id, default))!.Version);
    }
}
