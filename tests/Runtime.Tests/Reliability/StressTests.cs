using SessionGen.Runtime.Tests.Processes;
using Xunit.Abstractions;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>
/// Every message accounted for exactly once under load, faults, cancellations and sessions ending.
/// The normal suite sends 200,000 messages; set SESSIONGEN_STRESS_MESSAGES to soak longer (see README).
/// </summary>
public sealed class StressTests(ITestOutputHelper output)
{
    private const int Sessions = 1_000;
    private const int Senders = StressLedger.MaxSenders;
    private const int OutstandingPerSender = 512;

    [Fact]
    public async Task Every_message_is_accounted_for_exactly_once_in_order_and_one_at_a_time()
    {
        long total = long.TryParse(Environment.GetEnvironmentVariable("SESSIONGEN_STRESS_MESSAGES"), out long configured) ? configured : 200_000;
        StressLedger.Reset();
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters(capacity: 1_000_000);
        Stressed.Client[] sessions = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(_ => Stressed.StartAsync(host).AsTask()));
        var started = System.Diagnostics.Stopwatch.StartNew();

        Outcomes[] perSender = await Task.WhenAll(Enumerable.Range(0, Senders)
            .Select(sender => Task.Run(() => SendAsync(sender, total / Senders, sessions)))).WaitAsync(TimeSpan.FromMinutes(30));
        var all = Outcomes.Sum(perSender);
        output.WriteLine($"{all} in {started.Elapsed.TotalSeconds:F1} s");

        var lettersByReason = new Dictionary<DeadLetterReason, long>();
        while (deadLetters.TryRead(out DeadLetter? letter))
        {
            lettersByReason[letter.Reason] = lettersByReason.GetValueOrDefault(letter.Reason) + 1;
        }

        Assert.Equal(total / Senders * Senders, all.Sent);
        Assert.Equal(all.Sent, all.Handled + all.Faulted + all.Cancelled + all.DeadLettered + all.Refused);
        Assert.Equal(all.Handled + all.Faulted, StressLedger.HandlerRuns);
        Assert.Equal(all.Cancelled, lettersByReason.GetValueOrDefault(DeadLetterReason.Cancelled));
        Assert.Equal(all.DeadLettered, lettersByReason.GetValueOrDefault(DeadLetterReason.SessionEnded));
        Assert.Equal(all.Cancelled + all.DeadLettered, host.DeadLetterCount);
        Assert.Equal(0, deadLetters.Dropped);
        Assert.Equal(0, StressLedger.Overlaps);
        Assert.Equal(0, StressLedger.OrderViolations);
        Assert.True(all.Faulted > 0 && all.Cancelled > 0 && all.Refused > 0, $"the mix must include every outcome: {all}");
    }

    [Fact]
    public async Task Posted_and_awaited_messages_mixed_are_each_handled_or_dead_lettered_in_order_and_one_at_a_time()
    {
        long total = long.TryParse(Environment.GetEnvironmentVariable("SESSIONGEN_STRESS_MESSAGES"), out long configured) ? configured : 200_000;
        StressLedger.Reset();
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters(capacity: 1_000_000);
        Stressed.Client[] sessions = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(_ => Stressed.StartAsync(host).AsTask()));

        (Outcomes Awaited, long Posted, long PostRefused)[] perSender = await Task.WhenAll(Enumerable.Range(0, Senders)
            .Select(sender => Task.Run(() => PostAndSendAsync(sender, total / Senders, sessions)))).WaitAsync(TimeSpan.FromMinutes(30));
        var awaited = Outcomes.Sum(perSender.Select(part => part.Awaited));
        long postedAccepted = perSender.Sum(part => part.Posted - part.PostRefused);

        // A posted message has no caller to tell: it is either handled (a handler run) or filed as a dead letter
        // when its session ends. Wait, on counts rather than time, until every accepted post is one of the two.
        long endedLetters = 0;
        long PostedAccountedFor() =>
            Interlocked.Read(ref StressLedger.HandlerRuns) - awaited.Handled - awaited.Faulted + endedLetters - awaited.DeadLettered;
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (PostedAccountedFor() < postedAccepted && guard.Elapsed < TestHosts.Guard)
        {
            while (deadLetters.TryRead(out DeadLetter? letter))
            {
                Assert.Equal(DeadLetterReason.SessionEnded, letter.Reason);
                endedLetters++;
            }

            await Task.Yield();
        }

        while (deadLetters.TryRead(out DeadLetter? late))
        {
            Assert.Equal(DeadLetterReason.SessionEnded, late.Reason);
            endedLetters++;
        }

        output.WriteLine($"posted {perSender.Sum(part => part.Posted)} (refused {perSender.Sum(part => part.PostRefused)}), awaited {awaited}, {endedLetters} dead letters");
        Assert.Equal(postedAccepted, PostedAccountedFor());
        Assert.Equal(endedLetters, host.DeadLetterCount);
        Assert.Equal(0, deadLetters.Dropped);
        Assert.Equal(0, StressLedger.Overlaps);
        Assert.Equal(0, StressLedger.OrderViolations);
        Assert.True(awaited.Faulted > 0 && endedLetters > 0, $"the mix must include faults and ends: {awaited}, {endedLetters} ended letters");
    }

    /// <summary>One sender: like <see cref="SendAsync"/>, but every other message is posted one way instead of awaited.</summary>
    private static async Task<(Outcomes Awaited, long Posted, long PostRefused)> PostAndSendAsync(int sender, long count, Stressed.Client[] sessions)
    {
        var random = new Random(1_000 + sender);
        var outcomes = new Outcomes();
        long posted = 0;
        long refused = 0;
        var window = new Queue<(Task Send, bool Accepted)>();
        for (long sequence = 0; sequence < count; sequence++)
        {
            int roll = random.Next(10_000);
            StressKind kind = roll switch
            {
                < 100 => StressKind.Fail,
                < 105 => StressKind.End,
                < 1_105 => StressKind.Yield,
                _ => StressKind.Work,
            };
            Stressed.Client session = sessions[random.Next(sessions.Length)];
            if (random.Next(2) == 0)
            {
                posted++;
                refused += session.PostWork(sender, sequence, kind) ? 0 : 1;
                continue;
            }

            ValueTask<int> send = session.WorkAsync(sender, sequence, kind);
            bool accepted = !send.IsCompleted || send.IsCompletedSuccessfully;
            outcomes.Sent++;
            window.Enqueue((send.AsTask(), accepted));
            if (window.Count >= OutstandingPerSender)
            {
                await outcomes.RecordAsync(window.Dequeue());
            }
        }

        while (window.Count > 0)
        {
            await outcomes.RecordAsync(window.Dequeue());
        }

        return (outcomes, posted, refused);
    }

    /// <summary>One sender: random sessions, a window of outstanding sends, 1% faults, 1% cancellations, a few ends.</summary>
    private static async Task<Outcomes> SendAsync(int sender, long count, Stressed.Client[] sessions)
    {
        var random = new Random(sender);
        var outcomes = new Outcomes();
        var window = new Queue<(Task Send, bool Accepted)>();
        for (long sequence = 0; sequence < count; sequence++)
        {
            int roll = random.Next(10_000);
            StressKind kind = roll switch
            {
                < 100 => StressKind.Fail,
                < 105 => StressKind.End,
                < 1_105 => StressKind.Yield,
                _ => StressKind.Work,
            };
            bool cancel = random.Next(100) == 0;
            Stressed.Client session = sessions[random.Next(sessions.Length)];

            using var cancellation = cancel ? new CancellationTokenSource() : null;
            ValueTask<int> send = session.WorkAsync(sender, sequence, kind, cancellation?.Token ?? default);
            bool accepted = !send.IsCompleted || send.IsCompletedSuccessfully;
            cancellation?.Cancel();
            outcomes.Sent++;
            window.Enqueue((send.AsTask(), accepted));
            if (window.Count >= OutstandingPerSender)
            {
                await outcomes.RecordAsync(window.Dequeue());
            }
        }

        while (window.Count > 0)
        {
            await outcomes.RecordAsync(window.Dequeue());
        }

        return outcomes;
    }

    private sealed class Outcomes
    {
        public long Sent;
        public long Handled;
        public long Faulted;
        public long Cancelled;
        public long DeadLettered;
        public long Refused;

        public static Outcomes Sum(IEnumerable<Outcomes> parts)
        {
            var sum = new Outcomes();
            foreach (Outcomes part in parts)
            {
                sum.Sent += part.Sent;
                sum.Handled += part.Handled;
                sum.Faulted += part.Faulted;
                sum.Cancelled += part.Cancelled;
                sum.DeadLettered += part.DeadLettered;
                sum.Refused += part.Refused;
            }

            return sum;
        }

        /// <summary>Files one send under exactly one outcome; an unexpected exception fails the test.</summary>
        public async Task RecordAsync((Task Send, bool Accepted) entry)
        {
            try
            {
                await entry.Send;
                Handled++;
            }
            catch (SessionNotFoundException) when (!entry.Accepted)
            {
                Refused++; // the session had ended before this send: never accepted
            }
            catch (SessionNotFoundException)
            {
                DeadLettered++;
            }
            catch (SessionFaultedException)
            {
                Faulted++;
            }
            catch (OperationCanceledException)
            {
                Cancelled++;
            }
        }

        public override string ToString() =>
            $"sent {Sent}: handled {Handled}, faulted {Faulted}, cancelled {Cancelled}, dead-lettered {DeadLettered}, refused {Refused}";
    }
}
