using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

/// <summary>
/// A message sent to an idle session runs on the sender's thread when that thread may run handlers (a
/// thread-pool or console thread without a synchronization context), so a synchronous handler answers
/// before the send returns; anywhere else it runs on the thread pool.
/// </summary>
public sealed class InlineTurnTests
{
    [Fact]
    public async Task From_a_plain_thread_pool_thread_a_synchronous_handler_has_answered_when_the_send_returns()
    {
        await using SessionHost host = TestHosts.Create(out _);

        (bool startDone, int startThread, bool sendDone, int sendThread, int caller) = await Task.Run(() =>
        {
            int caller = Environment.CurrentManagedThreadId;
            ValueTask<Relay.Client> start = Relay.StartAsync(host);
            Relay.Client relay = start.Result;
            ValueTask<int> send = relay.WhereAmIAsync();
            return (start.IsCompletedSuccessfully, caller, send.IsCompletedSuccessfully, send.Result, caller);
        }).Guarded();

        Assert.True(startDone);
        Assert.True(sendDone);
        Assert.Equal(caller, startThread);
        Assert.Equal(caller, sendThread);
    }

    [Fact]
    public async Task A_caller_with_a_synchronization_context_never_runs_the_handler_itself()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Relay.Client relay = await Task.Run(() => Relay.StartAsync(host).AsTask()).Guarded();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // Were the handler run inline, Block would hold this thread until the guard ran out and answer false.
        ValueTask<bool> blocked = RunWithContext(() => relay.BlockAsync(started, release));
        release.Set();

        Assert.True(await blocked.Guarded());
    }

    [Fact]
    public async Task A_message_to_a_busy_session_waits_its_turn_instead_of_running_inline()
    {
        await using SessionHost host = TestHosts.Create(out _);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Relay.Client relay = await Task.Run(() => Relay.StartAsync(host).AsTask()).Guarded();
        Task<bool> blocking = Task.Run(() => relay.BlockAsync(started, release).AsTask());
        Assert.True(await Task.Run(() => started.Wait(TestHosts.Guard)), "Block never started");

        ValueTask<int> queued = await Task.Run(() => relay.WhereAmIAsync());

        Assert.False(queued.IsCompleted);
        release.Set();
        Assert.True(await blocking.Guarded());
        Assert.NotEqual(0, await queued.Guarded());
    }

    [Fact]
    public async Task A_long_chain_of_idle_sessions_completes_without_overflowing_the_stack()
    {
        await using SessionHost host = TestHosts.Create(out _);
        const int length = 5_000;
        int hops = await Task.Run(async () =>
        {
            Relay.Client first = await Relay.StartAsync(host);
            Relay.Client last = first;
            for (int i = 1; i < length; i++)
            {
                Relay.Client next = await Relay.StartAsync(host);
                await last.LinkAsync(host, next.Id);
                last = next;
            }

            return await first.ForwardAsync(1);
        }).Guarded();

        Assert.Equal(length, hops);
    }

    private static T RunWithContext<T>(Func<T> send)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        try
        {
            return send();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
