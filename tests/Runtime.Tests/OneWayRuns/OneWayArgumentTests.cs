using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Durability;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// A generated <c>Post{Operation}</c> whose handler takes at most one small argument queues that argument in the slot
/// of the session's queue instead of a message record (issue 16). The message must behave exactly as its record would:
/// in order with the sender's other messages, put back with the rest of a run when a handler awaits, refused by a full
/// mailbox, given the host's token, stored by a durable session one step at a time, and a record again wherever one is
/// needed (a dead letter).
/// </summary>
public sealed class OneWayArgumentTests
{
    [Fact]
    public async Task Argument_posts_and_record_posts_from_one_sender_are_handled_in_the_order_they_were_posted()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);

        await QueueBehindHoldAsync(tally, () =>
        {
            for (int i = 0; i < 40; i++)
            {
                // Every third one as its record, the rest as their argument: one queue, one order.
                Assert.True(i % 3 == 0 ? Tally.SessionDefinition.AddOperation.Post(tally, new Tally.Messages.Add(i)) : tally.PostAdd(i));
            }
        });

        Assert.Equal(Enumerable.Range(0, 40), await tally.SeenAsync().Guarded());
    }

    [Fact]
    public async Task A_run_of_argument_posts_cut_by_a_handler_that_awaits_goes_back_in_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);

        await QueueBehindHoldAsync(tally, () =>
        {
            for (int i = 0; i < 30; i++)
            {
                // AddLater awaits: the turn puts what it took behind it back at the head of the queue.
                Assert.True(i % 4 == 1 ? tally.PostAddLater(i) : tally.PostAdd(i));
            }
        });

        Assert.Equal(Enumerable.Range(0, 30), await tally.SeenAsync().Guarded());
    }

    [Fact]
    public async Task A_full_bounded_mailbox_refuses_an_argument_post_and_keeps_the_ones_it_accepted()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Bounded.Client bounded = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = bounded.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();

        bool[] accepted = Enumerable.Range(0, 12).Select(bounded.PostNote).ToArray();

        Assert.Equal([.. Enumerable.Repeat(true, 10), false, false], accepted);
        release.SetResult();
        await holding.Guarded();
        Assert.Equal(Enumerable.Range(0, 10), await bounded.SeenAsync().Guarded());
    }

    [Fact]
    public async Task Messages_ended_with_their_session_are_dead_lettered_as_their_records()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Tally.Client tally = await Tally.StartAsync(host);

        await QueueBehindHoldAsync(tally, () =>
        {
            Assert.True(tally.PostFail("end"));
            Assert.True(tally.PostAdd(7));
            Assert.True(tally.PostAddLater(8));
        });

        DeadLetter[] letters = await ReadAsync(deadLetters, 2).Guarded();
        Assert.Equal([new Tally.Messages.Add(7), new Tally.Messages.AddLater(8)], letters.Select(letter => letter.Message));
        Assert.All(letters, letter => Assert.Equal(DeadLetterReason.SessionEnded, letter.Reason));
    }

    [Fact]
    public async Task A_handler_posted_its_argument_gets_the_hosts_token_and_a_cancelled_one_leaves_its_record_as_a_dead_letter()
    {
        SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        var parked = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Carried.Client carried = await Carried.StartAsync(host, parked);

        Assert.True(carried.PostPark(42));
        Assert.Equal(42, await parked.Task.Guarded());
        await host.DisposeAsync();

        DeadLetter[] letters = await ReadAsync(deadLetters, 1).Guarded();
        Assert.Equal(new Carried.Messages.Park(42), letters[0].Message);
        Assert.Equal(DeadLetterReason.HostStopping, letters[0].Reason);
    }

    [Fact]
    public async Task Every_carried_shape_reaches_its_handler_with_the_value_posted()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var parked = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Carried.Client carried = await Carried.StartAsync(host, parked);

        Assert.True(carried.PostPing());
        Assert.True(carried.PostFlag(true));
        Assert.True(carried.PostFlag(false));
        Assert.True(carried.PostScale(-2.5));
        Assert.True(carried.PostScale(double.MaxValue));

        Assert.Equal(["ping", "on", "off", "-2.5", double.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)], await carried.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_client_with_a_caller_posts_the_record_and_the_handler_still_sees_the_value()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);
        Tally.Client speaking = Tally.Connect(host, tally.Id, new SessionCaller("ann"));

        Assert.True(speaking.PostAdd(1));
        Assert.True(tally.PostAdd(2));

        int[] seen = await tally.SeenAsync().Guarded();
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public async Task A_durable_session_stores_each_argument_post_and_unloads_only_once_they_are_stored()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Tape.Client tape = await Tape.StartAsync(host).Guarded();

        store.Close();
        Task<int> first = tape.PushAsync(0).AsTask();
        await store.WriteStarted.Guarded();
        for (int i = 1; i <= 5; i++)
        {
            // The durable client has no synchronous Post; the table entry's post takes the argument all the same.
            Assert.True(Tape.SessionDefinition.PushOperation.Post(tape, OneWayArgument.From(i)));
        }

        Task<bool> unloaded = host.UnloadAsync(tape.Id).AsTask();
        Assert.False(unloaded.IsCompleted);
        store.Open();

        Assert.True(await unloaded.Guarded());
        Assert.Equal(1, await first.Guarded());
        int[] values = await Tape.Connect(hosts.Start(), tape.Id).ValuesAsync().Guarded();
        Assert.Equal([0, 1, 2, 3, 4, 5], values);
    }

    [Fact]
    public async Task An_argument_posted_to_an_operation_whose_messages_do_not_travel_as_one_is_refused_at_the_post()
    {
        // The table entry's Post(client, OneWayArgument) is public: an operation the generator gave no argument members
        // (a string argument, a starter) must refuse it there, not queue an entry whose turn throws out of the fault
        // path (MessageFrom again, for the dead letter) and takes the thread pool, hence the process, down.
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);

        Assert.Throws<NotSupportedException>(() => Tally.SessionDefinition.FailOperation.Post(tally, OneWayArgument.From(1)));
        Assert.Throws<NotSupportedException>(() => Tally.SessionDefinition.OpenOperation.Post(tally, default(OneWayArgument)));

        Assert.True(tally.PostAdd(3));
        int[] seen = await tally.SeenAsync().Guarded();
        Assert.Equal([3], seen);
    }

    [Fact]
    public void An_argument_comes_back_as_the_value_it_was_made_from()
    {
        Assert.Equal(int.MinValue, OneWayArgument.From(int.MinValue).As<int>());
        Assert.Equal(-1L, OneWayArgument.From(-1L).As<long>());
        Assert.Equal('é', OneWayArgument.From('é').As<char>());
        Assert.True(OneWayArgument.From(true).As<bool>());
        Assert.Equal(float.Epsilon, OneWayArgument.From(float.Epsilon).As<float>());
        Assert.Throws<ArgumentException>(() => OneWayArgument.From(Guid.NewGuid()));
    }

    // Holds the session's turn while `post` queues, so the messages are taken by one turn as a run; then lets it go.
    private static async Task QueueBehindHoldAsync(Tally.Client tally, Action post)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = tally.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        post();
        release.SetResult();
        await holding.Guarded();
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
