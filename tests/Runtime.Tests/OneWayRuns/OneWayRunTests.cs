using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// One-way messages queued while their session is busy are taken by its next turn as a run, and a run of synchronous
/// handlers shares one handler scope (issue 16). Each handler must still start as under a scope of its own: these tests
/// queue a run behind a held handler, then check what each handler of the run found.
/// </summary>
public sealed class OneWayRunTests
{
    [Fact]
    public async Task Each_handler_of_a_run_starts_without_the_ambient_values_the_previous_one_set()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Batched.Client session = await Batched.StartAsync(host);

        await QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostMark("a"));
            Assert.True(session.PostMark("b"));
            Assert.True(session.PostMark("c"));
        });

        Assert.Equal(["clean", "clean", "clean"], await session.LogAsync().Guarded());
    }

    [Fact]
    public async Task Each_handler_of_a_run_has_a_call_chain_frame_of_its_own_run()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Batched.Client session = await Batched.StartAsync(host);

        await QueueBehindHoldAsync(session, () =>
        {
            for (int i = 0; i < 5; i++)
            {
                Assert.True(session.PostFrame());
            }
        });

        int[] runs = await session.RunsAsync().Guarded();
        Assert.Equal(5, runs.Distinct().Count());
        Assert.All(runs, run => Assert.Equal(1, run & 1));
    }

    [Fact]
    public async Task A_timeout_armed_by_a_handler_of_a_run_counts_from_that_handler_not_from_the_end_of_the_run()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Batched.Client session = await Batched.StartAsync(host);

        await QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostArm("first", TimeSpan.FromSeconds(10)));
            Assert.True(session.PostWork(() => time.Advance(TimeSpan.FromSeconds(5))));
        });

        // The run is over once an awaited message queued behind it is answered; the clock has moved 5 s meanwhile.
        Assert.Empty(await session.LogAsync().Guarded());

        // Handed to the wheel when its handler returned, not when the run ended: due 10 s after the handler ran.
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["ring:first"], await session.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_handler_of_a_run_that_runs_another_session_inline_gets_its_frame_and_timer_window_back()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        Batched.Client session = await Batched.StartAsync(host);
        Batched.Client other = await Batched.StartAsync(host);

        await QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostFrame());
            Assert.True(session.PostNest(() => other.RunsAsync().IsCompletedSuccessfully, TimeSpan.FromSeconds(1)));
            Assert.True(session.PostFrame());
        });

        Assert.Equal(["inline:True same-frame:True"], await session.LogAsync().Guarded());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["inline:True same-frame:True", "ring:after-nest"], await session.LogAsync().Guarded());
        Assert.Equal(2, (await session.RunsAsync().Guarded()).Distinct().Count());
    }

    // Holds the session's turn in an awaiting handler while queue posts, so the next turn takes them as one run.
    internal static async Task QueueBehindHoldAsync(Batched.Client session, Action queue)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        queue();
        release.SetResult();
        await holding.Guarded();
    }
}
