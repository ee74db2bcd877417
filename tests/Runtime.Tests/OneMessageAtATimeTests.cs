using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class OneMessageAtATimeTests
{
    [Fact]
    public async Task A_non_atomic_counter_stays_exact_under_four_concurrent_senders_and_a_hundred_sessions()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Counter.Client[] sessions = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Counter.StartAsync(host).AsTask()));
        const int perSenderPerSession = 25;

        Task[] senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var pending = new List<Task>();
            for (int i = 0; i < perSenderPerSession; i++)
            {
                foreach (Counter.Client session in sessions)
                {
                    pending.Add(session.IncrementAsync().AsTask());
                }
            }

            await Task.WhenAll(pending);
        })).ToArray();
        await Task.WhenAll(senders).Guarded();

        foreach (Counter.Client session in sessions)
        {
            Assert.Equal(4 * perSenderPerSession, await session.CountAsync());
            Assert.Equal(0, await session.OverlapsAsync());
        }
    }

    [Fact]
    public async Task Ten_thousand_messages_from_one_sender_are_handled_in_the_order_sent()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Counter.Client session = await Counter.StartAsync(host);

        var sends = new Task[10_000];
        for (int i = 0; i < sends.Length; i++)
        {
            sends[i] = session.RecordAsync(i).AsTask();
        }

        await Task.WhenAll(sends).Guarded();
        Assert.Equal(Enumerable.Range(0, 10_000), await session.SeenAsync());
    }

    [Fact]
    public async Task A_second_message_waits_while_the_first_handler_awaits()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client session = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<string> first = session.HoldAsync("first", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task second = session.NoteAsync("second").AsTask();
        Task<string[]> logWhileHeld = session.LogAsync().AsTask();

        Assert.False(second.IsCompleted);
        Assert.False(logWhileHeld.IsCompleted);
        release.SetResult();

        Assert.Equal("first", await first.Guarded());
        await second.Guarded();
        Assert.Equal(["start:first", "end:first", "second"], await logWhileHeld.Guarded());
    }

    [Fact]
    public async Task Different_sessions_run_in_parallel()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client held = await Gate.StartAsync(host);
        Gate.Client other = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<string> holding = held.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();

        // The other session answers while the first is still inside its handler.
        await other.NoteAsync("free").Guarded();
        Assert.Equal(["free"], await other.LogAsync().Guarded());
        Assert.False(holding.IsCompleted);

        release.SetResult();
        await holding.Guarded();
    }
}
