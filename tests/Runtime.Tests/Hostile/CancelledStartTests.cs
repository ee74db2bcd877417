using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Item 3: a start withdrawn by its caller's token leaves nothing behind.</summary>
public sealed class CancelledStartTests
{
    [Fact]
    public async Task A_start_cancelled_right_away_leaves_no_session_when_its_caller_saw_the_cancellation()
    {
        await using var host = new SessionHost();
        int cancelled = 0;
        for (int i = 0; i < 2_000; i++)
        {
            var id = SessionId.New();
            using var source = new CancellationTokenSource();
            Task<object?> start = host.SendAsync(id, new PooledStart.Messages.Open(), source.Token).AsTask();
            source.Cancel();
            try
            {
                await start.Guarded();
                Assert.True(await PooledStart.Connect(host, id).WasStartedAsync().Guarded());
            }
            catch (OperationCanceledException)
            {
                cancelled++;
                Assert.False(host.Contains(id), $"start {i} was cancelled but left its session registered");
            }
        }

        Assert.True(cancelled > 0, "no start was withdrawn: the test did not exercise cancellation");
    }

    [Fact]
    public async Task A_cancelled_sequential_start_does_not_hold_the_turn_of_the_next_one()
    {
        await using var host = new SessionHost();
        for (int i = 0; i < 200; i++)
        {
            using var source = new CancellationTokenSource();
            Task<Turnstile.Client> start = RunOnPool(() => Turnstile.StartAsync(host, "cancelled", source.Token).AsTask());
            source.Cancel();
            try
            {
                Turnstile.Client started = await start.Guarded();
                await started.LeaveAsync().Guarded();
            }
            catch (OperationCanceledException)
            {
            }
        }

        Turnstile.Client last = await Turnstile.StartAsync(host, "last").Guarded();
        Assert.Equal("pong", await last.PingAsync().Guarded());
    }

    [Fact]
    public async Task A_sequential_start_withdrawn_while_queued_frees_the_turn_for_the_next_starter()
    {
        await using var host = new SessionHost();
        int withdrawn = 0;
        for (int i = 0; i < 500; i++)
        {
            using var source = new CancellationTokenSource();
            Task<PooledTurnstile.Client> start = PooledTurnstile.StartAsync(host, source.Token).AsTask();
            source.Cancel();
            try
            {
                PooledTurnstile.Client started = await start.Guarded();
                await started.LeaveAsync().Guarded();
            }
            catch (OperationCanceledException)
            {
                withdrawn++;
            }
        }

        Assert.True(withdrawn > 0, "no start was withdrawn: the test did not exercise cancellation");
        PooledTurnstile.Client last = await PooledTurnstile.StartAsync(host).Guarded();
        await last.LeaveAsync().Guarded();
        Assert.Equal(0, host.SessionCount);
    }

    private static Task<T> RunOnPool<T>(Func<Task<T>> start) => Task.Run(start);
}
