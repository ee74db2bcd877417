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

    [Fact]
    public async Task On_a_scheduler_vouched_for_a_synchronous_handler_has_answered_when_the_send_returns()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Relay.Client relay = await Task.Run(() => Relay.StartAsync(host).AsTask()).Guarded();
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

        (bool sendDone, int sendThread, int caller) = await Task.Factory.StartNew(
            () =>
            {
                using (VouchedScheduler.Vouch(TaskScheduler.Current))
                {
                    ValueTask<int> send = relay.WhereAmIAsync();
                    return (send.IsCompletedSuccessfully, send.IsCompletedSuccessfully ? send.Result : 0, Environment.CurrentManagedThreadId);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            exclusive).Guarded();

        Assert.True(sendDone);
        Assert.Equal(caller, sendThread);
    }

    [Fact]
    public async Task On_a_scheduler_of_its_own_not_vouched_for_the_caller_never_runs_the_handler_itself()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Relay.Client relay = await Task.Run(() => Relay.StartAsync(host).AsTask()).Guarded();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

        // Vouched for another scheduler than the current one: were the handler run inline, Block would hold this
        // thread until the guard ran out and answer false.
        ValueTask<bool> blocked = await Task.Factory.StartNew(
            () =>
            {
                using (VouchedScheduler.Vouch(TaskScheduler.Default))
                {
                    return relay.BlockAsync(started, release);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            exclusive).Guarded();
        release.Set();

        Assert.True(await blocked.Guarded());
    }

    [Fact]
    public async Task On_a_scheduler_vouched_for_only_the_outermost_turn_runs_inline()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Relay.Client first = await Task.Run(async () =>
        {
            Relay.Client head = await Relay.StartAsync(host);
            Relay.Client second = await Relay.StartAsync(host);
            await head.LinkAsync(host, second.Id);
            return head;
        }).Guarded();
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

        // The first session runs inline; its handler sends on to the idle second one. Run inline too, the second would
        // answer at once and the forward complete before the send returns; on the thread pool, the first handler's
        // continuation waits for the exclusive scheduler, which this task holds until it returns.
        (bool completedInline, ValueTask<int> forwarded) = await Task.Factory.StartNew(
            () =>
            {
                using (VouchedScheduler.Vouch(TaskScheduler.Current))
                {
                    ValueTask<int> forwarding = first.ForwardAsync(1);
                    return (forwarding.IsCompleted, forwarding);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            exclusive).Guarded();

        Assert.False(completedInline);
        Assert.Equal(2, await forwarded.Guarded());
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
