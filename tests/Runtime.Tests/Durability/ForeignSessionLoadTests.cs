using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A durable session's load meets a session of another process registered under the same id (ids a client chose): the
/// loader must not take that session for its own, and must wait for it to leave without spinning or ignoring its
/// caller's cancellation.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class ForeignSessionLoadTests
{
    [Fact]
    public async Task A_load_waiting_for_another_process_s_ended_session_to_leave_honours_cancellation_and_then_loads()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        Assert.True(await host.UnloadAsync(id).Guarded());
        await ((ISessionHost)host).SendAsync(id, new Fleeting.Messages.Open(), CancellationToken.None).Guarded();

        // The other process's session ends, and is held between its end and leaving the registry.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (host.Find(id, out _) is { IsEnded: true, IsDurable: false } && Interlocked.Exchange(ref fired, 1) == 0)
            {
                held.SetResult();
                release.Wait();
            }
        });
        try
        {
            // From the pool: the turn may run inline on the sender's thread, and the hook holds the thread that ends it.
            _ = Task.Run(() => ((ISessionHost)host).SendAsync(id, new Fleeting.Messages.Close(), CancellationToken.None).AsTask());
            await held.Task.Guarded();

            // The store answers at once, so this caller's turn has come before it looks at its token: it is in the wait
            // for the other session to leave, with its token cancelled.
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            Task<bool> loading = host.LoadAsync(id, cancel.Token).AsTask();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loading.Guarded());

            Task<bool> waiting = host.LoadOfProcessAsync("Journal", id).AsTask();
            Assert.False(waiting.IsCompleted);
            release.Set();
            Assert.True(await waiting.Guarded());
        }
        finally
        {
            release.Set();
            Interleaving.Uninstall();
        }

        Assert.Equal("ann", await journal.OwnerAsync().Guarded());
    }

    [Fact]
    public async Task Loading_a_session_of_one_process_does_not_report_another_process_s_session_registered_meanwhile_as_its_own()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        Assert.True(await host.UnloadAsync(id).Guarded());

        store.CloseReads();
        Task<bool> loading = host.LoadOfProcessAsync("Journal", id).AsTask();
        await store.ReadStarted.Guarded();
        await ((ISessionHost)host).SendAsync(id, new Fleeting.Messages.Open(), CancellationToken.None).Guarded();
        store.OpenReads();

        // Another process's session runs under the id: no session of Journal does.
        Assert.False(await loading.Guarded());
    }
}
