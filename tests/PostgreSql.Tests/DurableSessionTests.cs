namespace SessionGen.PostgreSql.Tests;

/// <summary>
/// A durable session through a <see cref="SessionHost"/> over the store: a restart is a new host with a new store over
/// the same database, as a process that takes over from a lost one.
/// </summary>
public sealed class DurableSessionTests : IAsyncLifetime
{
    private TestSchema schema = null!;

    public async Task InitializeAsync() => schema = await TestSchema.CreateAsync();

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task A_durable_session_carries_on_in_another_host_over_the_same_database_and_ends_there()
    {
        await using (var process = new HostProcess(schema))
        {
            await process.Host.SendAsync(new Tab.Messages.OpenTab(7));
            Assert.Equal(1, await process.Host.SendAsync(new Tab.Messages.Order(7, "tea")));
            await process.Host.SendAsync(new Tab.Messages.RemindIn(7, 60));
        }

        await using (var next = new HostProcess(schema))
        {
            await next.Host.RecoverAsync();
            Assert.Equal(1, next.Host.PendingTimeoutCount); // the reminder, re-armed from the store's wake-ups
            Assert.Equal(0, next.Host.SessionCount);        // not loaded until a message or its timeout needs it

            Assert.Equal(2, await next.Host.SendAsync(new Tab.Messages.Order(7, "stout")));
            Assert.Equal(new[] { "tea", "stout" }, await next.Host.SendAsync(new Tab.Messages.Orders(7)));
            await next.Host.SendAsync(new Tab.Messages.Pay(7));
        }

        await using (var last = new HostProcess(schema))
        {
            await last.Host.RecoverAsync();
            Assert.Equal(0, last.Host.PendingTimeoutCount);
            await Assert.ThrowsAsync<SessionNotFoundException>(() => last.Host.SendAsync(new Tab.Messages.Order(7, "tea")).AsTask());
        }
    }

    [Fact]
    public async Task Two_hosts_over_one_database_route_by_key_to_sessions_the_other_started()
    {
        await using var first = new HostProcess(schema);
        await using var second = new HostProcess(schema);
        await first.Host.SendAsync(new Tab.Messages.OpenTab(1));
        await second.Host.SendAsync(new Tab.Messages.OpenTab(2));

        Assert.Equal(1, await first.Host.SendAsync(new Tab.Messages.Order(1, "tea")));
        await first.Host.DisposeAsync(); // the first process is lost; its session is in the database

        Assert.Equal(2, await second.Host.SendAsync(new Tab.Messages.Order(1, "cake")));
        Assert.Equal(1, await second.Host.SendAsync(new Tab.Messages.Order(2, "milk")));
    }

    /// <summary>One process's host and store over the test's schema.</summary>
    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly PostgreSqlSessionStore store;

        public HostProcess(TestSchema schema)
        {
            store = schema.NewStore();
            Host = new SessionHost(new SessionHostOptions { Store = store });
        }

        public SessionHost Host { get; }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await store.DisposeAsync();
        }
    }
}
