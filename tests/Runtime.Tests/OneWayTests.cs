using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

/// <summary>
/// <c>Post{Operation}</c>: one-way messages are queued without a request object and without waiting; they
/// keep the order, the one-at-a-time rule and the no-silent-loss rule of awaited messages.
/// </summary>
public sealed class OneWayTests
{
    [Fact]
    public async Task Posted_and_awaited_messages_from_one_sender_are_handled_in_the_order_sent()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);

        for (int i = 0; i < 1_000; i++)
        {
            Assert.True(i % 3 == 0 ? tally.PostAddLater(i) : tally.PostAdd(i));
        }

        int count = await tally.AddAsync(1_000).Guarded();

        Assert.Equal(1_001, count);
        Assert.Equal(Enumerable.Range(0, 1_001), await tally.SeenAsync());
    }

    [Fact]
    public async Task Four_posting_senders_to_a_hundred_sessions_lose_nothing_and_keep_each_senders_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client[] sessions = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Tally.StartAsync(host).AsTask()));
        const int perSender = 250;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(() =>
        {
            for (int i = 0; i < perSender; i++)
            {
                foreach (Tally.Client session in sessions)
                {
                    Assert.True(session.PostAdd((sender * perSender) + i));
                }
            }
        }))).Guarded();

        foreach (Tally.Client session in sessions)
        {
            int[] seen = await session.SeenAsync().Guarded();
            Assert.Equal(4 * perSender, seen.Length);
            for (int sender = 0; sender < 4; sender++)
            {
                int[] mine = seen.Where(value => value / perSender == sender).ToArray();
                Assert.Equal(Enumerable.Range(sender * perSender, perSender), mine);
            }
        }
    }

    [Fact]
    public async Task A_post_to_a_session_that_is_gone_returns_false()
    {
        SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);
        Tally.Client stranger = Tally.Connect(host, SessionId.New());

        Assert.False(stranger.PostAdd(1));
        await Assert.ThrowsAsync<SessionFaultedException>(() => tally.FailAsync("end").Guarded());
        Assert.False(tally.PostAdd(2));

        Tally.Client other = await Tally.StartAsync(host);
        await host.DisposeAsync();
        Assert.False(other.PostAdd(3));
    }

    [Fact]
    public async Task A_posted_message_that_throws_faults_the_session_like_an_awaited_one()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);

        Assert.True(tally.PostFail("boom"));

        // Messages from one sender keep their order: the fault ends the session (the default policy) first.
        await Assert.ThrowsAsync<SessionNotFoundException>(() => tally.SeenAsync().Guarded());
    }

    [Fact]
    public async Task Posted_messages_queued_when_the_session_ends_are_dead_lettered()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Tally.Client tally = await Tally.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = tally.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Assert.True(tally.PostFail("end"));
        Assert.True(tally.PostAdd(1));
        Assert.True(tally.PostAdd(2));
        release.SetResult();
        await holding.Guarded();

        DeadLetter[] letters = await ReadAsync(deadLetters, 2).Guarded();
        Assert.Equal([new Tally.Messages.Add(1), new Tally.Messages.Add(2)], letters.Select(letter => letter.Message));
        Assert.All(letters, letter => Assert.Equal(DeadLetterReason.SessionEnded, letter.Reason));
        Assert.Equal(2, host.DeadLetterCount);
    }

    [Fact]
    public async Task A_full_bounded_mailbox_refuses_a_post_instead_of_making_it_wait()
    {
        await using SessionHost host = TestHosts.Create(out _);
        SmallTally.Client tally = await SmallTally.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = tally.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        bool[] accepted = Enumerable.Range(0, 5).Select(_ => tally.PostAdd()).ToArray();

        Assert.Equal([true, true, true, false, false], accepted);
        Assert.Equal(3, host.GetQueueLength(tally.Id));
        release.SetResult();
        await holding.Guarded();
        Assert.Equal(3, await tally.CountAsync().Guarded());
    }

    [Fact]
    public async Task A_post_the_protocol_state_does_not_accept_yet_is_held_until_it_does()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Wicket.Client wicket = await Wicket.StartAsync(host);

        Assert.True(wicket.PostPush());
        Assert.True(wicket.PostCoin());

        // Log is accepted in every state, and queued last: it sees both handlers done.
        string[] log = await wicket.LogAsync().Guarded();

        Assert.Equal(["coin", "push"], log);
    }

    private static async Task<DeadLetter[]> ReadAsync(DeadLetterSubscription deadLetters, int count)
    {
        var letters = new List<DeadLetter>();
        await foreach (DeadLetter letter in deadLetters)
        {
            letters.Add(letter);
            if (letters.Count == count)
            {
                break;
            }
        }

        return letters.ToArray();
    }
}
