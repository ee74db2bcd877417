using System.Collections.Concurrent;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// review-reliability6: many producers on small bounded mailboxes (capacity 1 to 4, wait and fail-fast), one-way runs
/// that a turn takes and puts back (an awaiting handler), requests, and sessions ended at random (by a message, or by
/// the host stopping mid-round). Every accepted message runs or is dead-lettered exactly once, nothing runs twice, the
/// queue never exceeds its bound, no sender hangs, and the dead-letter subscription completes (the host counts no turn
/// for ever). Rounds: SESSIONGEN_BOUNDED_STRESS_ROUNDS (default 60 per process).
/// </summary>
public sealed class BoundedMailboxStressTests
{
    private sealed record Ops(SessionId Id, Func<BoundedTag, bool> Note, Func<BoundedTag, bool> Slow, Func<BoundedTag, ValueTask<int>> Ask, Func<bool> Stop);

    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("SESSIONGEN_BOUNDED_STRESS_ROUNDS"), out int rounds) ? rounds : 60;

    [Fact]
    public Task Wait_mode_capacity_1() => RunAsync(1, async host =>
    {
        BoundedStressWait1.Client c = await BoundedStressWait1.StartAsync(host);
        return new Ops(c.Id, c.PostNote, c.PostSlow, tag => c.AskAsync(tag), c.PostStop);
    });

    [Fact]
    public Task Wait_mode_capacity_3() => RunAsync(3, async host =>
    {
        BoundedStressWait3.Client c = await BoundedStressWait3.StartAsync(host);
        return new Ops(c.Id, c.PostNote, c.PostSlow, tag => c.AskAsync(tag), c.PostStop);
    });

    [Fact]
    public Task Fail_fast_capacity_2() => RunAsync(2, async host =>
    {
        BoundedStressRefuse2.Client c = await BoundedStressRefuse2.StartAsync(host);
        return new Ops(c.Id, c.PostNote, c.PostSlow, tag => c.AskAsync(tag), c.PostStop);
    });

    [Fact]
    public Task Fail_fast_capacity_4() => RunAsync(4, async host =>
    {
        BoundedStressRefuse4.Client c = await BoundedStressRefuse4.StartAsync(host);
        return new Ops(c.Id, c.PostNote, c.PostSlow, tag => c.AskAsync(tag), c.PostStop);
    });

    private static async Task RunAsync(int capacity, Func<SessionHost, Task<Ops>> start)
    {
        int seed = Environment.TickCount;
        for (int round = 0; round < Rounds; round++)
        {
            await RoundAsync(capacity, start, seed + round).Guarded();
        }
    }

    private static async Task RoundAsync(int capacity, Func<SessionHost, Task<Ops>> start, int seed)
    {
        const int Producers = 4;
        const int PerProducer = 40;
        var random = new Random(seed);
        var host = new SessionHost();
        DeadLetterSubscription letters = host.SubscribeDeadLetters(int.MaxValue);
        var ledger = new BoundedLedger { Host = host };
        Ops ops = await start(host);
        ledger.Session = ops.Id;
        int endAt = random.Next(Producers * PerProducer * 3 / 2); // past the last message: no end by a message
        bool disposeMidway = random.Next(4) == 0;
        var acceptedOneWays = new ConcurrentDictionary<int, bool>();
        var asks = new ConcurrentBag<(int N, Task<int> Answer)>();
        var producerSeeds = Enumerable.Range(0, Producers).Select(_ => random.Next()).ToArray();
        Task disposing = Task.CompletedTask;

        Task[] producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            var mine = new Random(producerSeeds[p]);
            for (int i = 0; i < PerProducer; i++)
            {
                int n = (p * PerProducer) + i;
                var tag = new BoundedTag(ledger, n);
                if (n == endAt)
                {
                    Try(ops.Stop);
                }

                if (disposeMidway && n == PerProducer / 2)
                {
                    ledger.Stopping();
                    disposing = host.DisposeAsync().AsTask();
                }

                switch (mine.Next(10))
                {
                    case < 6:
                        if (Try(() => ops.Note(tag)))
                        {
                            acceptedOneWays[n] = true;
                        }

                        break;
                    case < 8:
                        if (Try(() => ops.Slow(tag)))
                        {
                            acceptedOneWays[n] = true;
                        }

                        break;
                    default:
                        Task<int> answer;
                        try
                        {
                            answer = ops.Ask(tag).AsTask();
                        }
                        catch (Exception exception)
                        {
                            answer = Task.FromException<int>(exception);
                        }

                        asks.Add((n, answer));
                        break;
                }
            }
        })).ToArray();

        await Task.WhenAll(producers).Guarded();
        foreach ((int _, Task<int> answer) in asks)
        {
            // No sender hangs: every request is answered (a result, full, ended or stopping).
            await Task.WhenAny(answer).Guarded();
        }

        await disposing.Guarded();
        ledger.Stopping();
        await host.DisposeAsync().Guarded();
        List<DeadLetter> dead = await letters.ToListAsync().AsTask().Guarded(); // completes: no turn counted for ever

        var deadTags = new Dictionary<int, int>();
        foreach (DeadLetter letter in dead)
        {
            if (letter.Operation == "Stop")
            {
                continue;
            }

            // The message is the generated record of the operation (Messages.Note, ...), which carries the tag.
            BoundedTag tag = letter.Message as BoundedTag
                ?? letter.Message.GetType().GetProperties().Select(property => property.GetValue(letter.Message)).OfType<BoundedTag>().Single();
            deadTags[tag.N] = deadTags.GetValueOrDefault(tag.N) + 1;
        }

        string where = $"seed {seed}, capacity {capacity}, endAt {endAt}, disposeMidway {disposeMidway}";
        Assert.True(ledger.MostQueued <= capacity, $"{ledger.MostQueued} queued in a mailbox of {capacity} ({where})");
        Assert.All(ledger.Handled, pair => Assert.True(pair.Value == 1, $"message {pair.Key} ran {pair.Value} times ({where})"));
        Assert.All(deadTags, pair => Assert.True(pair.Value == 1, $"message {pair.Key} dead-lettered {pair.Value} times ({where})"));
        foreach (int n in acceptedOneWays.Keys)
        {
            bool ran = ledger.Handled.ContainsKey(n);
            bool deadLettered = deadTags.ContainsKey(n);
            Assert.True(ran ^ deadLettered, $"accepted one-way {n}: ran {ran}, dead-lettered {deadLettered} ({where})");
        }

        var askedNumbers = asks.Select(ask => ask.N).ToHashSet();
        foreach ((int n, Task<int> answer) in asks)
        {
            if (answer.IsCompletedSuccessfully)
            {
                Assert.Equal(n, answer.Result);
                Assert.True(ledger.Handled.ContainsKey(n) && !deadTags.ContainsKey(n), $"answered request {n} ({where})");
            }
            else
            {
                Assert.False(ledger.Handled.ContainsKey(n), $"request {n} ran but its caller heard {answer.Exception?.InnerException?.GetType().Name} ({where})");
            }
        }

        Assert.All(ledger.Handled.Keys, n => Assert.True(acceptedOneWays.ContainsKey(n) || askedNumbers.Contains(n), $"{n} ran but was never accepted ({where})"));
        Assert.All(deadTags.Keys, n => Assert.True(acceptedOneWays.ContainsKey(n) || askedNumbers.Contains(n), $"{n} dead-lettered but was never accepted ({where})"));
        Assert.Equal(host.DeadLetterCount, dead.Count);
    }

    private static bool Try(Func<bool> post)
    {
        try
        {
            return post();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        catch (SessionException)
        {
            return false;
        }
    }
}
