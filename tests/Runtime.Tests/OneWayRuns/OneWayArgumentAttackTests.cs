using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Durability;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// A hostile review of the one-way argument path (issue 16): edge values bit for bit, two operations of one argument
/// type, a throwing handler under KeepSession with [OnFault], protocol-held argument posts, and several threads mixing
/// argument and record posts, each keeping its own order.
/// </summary>
public sealed class OneWayArgumentAttackTests
{
    [Fact]
    public async Task Edge_values_reach_their_handlers_bit_for_bit_and_a_throwing_handler_faults_as_its_record_would()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gauge.Client gauge = await Gauge.StartAsync(host);
        double payloadNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF);
        float singleNaN = BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_1234));

        Assert.True(gauge.PostSet(payloadNaN));
        Assert.True(gauge.PostSet(-0.0));
        Assert.True(gauge.PostReset(1.5));
        Assert.True(gauge.PostSet(-1));
        Assert.True(gauge.PostSingle(singleNaN));
        Assert.True(gauge.PostLetter(char.MaxValue));
        Assert.True(gauge.PostSmall(sbyte.MinValue));
        Assert.True(gauge.PostBits(ulong.MaxValue));
        Assert.True(gauge.PostShort(ushort.MaxValue));

        string[] log = await gauge.LogAsync().Guarded();
        Assert.Equal(
            [
                "set 7FF80000DEADBEEF",
                "set 8000000000000000",
                "reset 3FF8000000000000",
                "fault Set ArgumentOutOfRangeException",
                "single FFC01234",
                "letter 65535",
                "small -128",
                "bits 18446744073709551615",
                "short 65535",
            ],
            log);
    }

    [Fact]
    public async Task An_argument_post_the_protocol_state_does_not_accept_is_held_until_it_does()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Wicket.Client wicket = await Wicket.StartAsync(host);

        Assert.True(wicket.PostPush());
        Assert.True(wicket.PostPush());
        Assert.True(wicket.PostCoin());
        Assert.True(wicket.PostCoin());

        string[] log = await wicket.LogAsync().Guarded();
        Assert.Equal(["coin", "push", "coin", "push"], log);
    }

    [Fact]
    public async Task Threads_mixing_argument_and_record_posts_each_keep_their_own_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);
        const int threads = 4;
        const int each = 2_000;

        using var start = new Barrier(threads);
        Task[] senders = Enumerable.Range(0, threads).Select(sender => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (int i = 0; i < each; i++)
                {
                    int value = (sender * each) + i;
                    Assert.True(i % 5 == 0 ? Tally.SessionDefinition.AddOperation.Post(tally, new Tally.Messages.Add(value)) : tally.PostAdd(value));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(senders).Guarded();

        int[] seen = await tally.SeenAsync().Guarded();
        Assert.Equal(threads * each, seen.Length);
        for (int sender = 0; sender < threads; sender++)
        {
            int[] own = seen.Where(value => value / each == sender).ToArray();
            Assert.Equal(Enumerable.Range(sender * each, each), own);
        }
    }

    [Fact]
    public async Task Argument_posts_accepted_behind_a_failed_write_are_kept_and_handled_on_the_next_load()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Tape.Client tape = await Tape.StartAsync(host).Guarded();

        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = tape.PushAsync(0).AsTask();
        await store.WriteStarted.Guarded();
        for (int i = 1; i <= 5; i++)
        {
            Assert.True(Tape.SessionDefinition.PushOperation.Post(tape, OneWayArgument.From(i)));
        }

        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());

        int[] values = await Tape.Connect(host, tape.Id).ValuesAsync().Guarded();
        Assert.Equal([1, 2, 3, 4, 5], values);
    }
}
