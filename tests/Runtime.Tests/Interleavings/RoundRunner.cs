using System.Collections.Concurrent;

namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// Runs one <see cref="RoundPlan"/> on a fresh host with a fake clock: the first sessions start, then the workers
/// and a clock thread (which advances the fake clock in small steps until told to stop) run all at once; then every
/// answer is awaited, every session ended, the host disposed, the dead letters read, and <see cref="Invariants"/>
/// judges the ledger. Every wait is bounded by the hang guard.
/// </summary>
internal sealed partial class RoundRunner
{
    private readonly RoundPlan plan;
    private readonly TimeProvider time;
    private readonly Action<TimeSpan> moveClock;
    private readonly SessionHost host;
    private readonly RoundLedger ledger;
    private readonly InterleavedTarget?[] targets;
    private readonly ConcurrentQueue<Task> answers = new();
    private readonly TaskCompletionSource go = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int finalMessages;
    private volatile bool clockStopped;
    private volatile bool clockPaused;
    private Task? disposing;
    private long nextFinal;
    private long lettersRead;
    private int withdrawalsThatThrew;
    private int excusedSymptoms;

    private RoundRunner(RoundPlan plan)
    {
        this.plan = plan;

        // Bug 6 (KnownBugs): under FakeTimeProvider a clock moved by another thread can deadlock the timer wheel.
        if (KnownBugs.WheelDeadlocksWhenChangeRunsDueTimers)
        {
            var clock = new RoundClock();
            (time, moveClock) = (clock, clock.Advance);
        }
        else
        {
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
            (time, moveClock) = (clock, clock.Advance);
        }

        host = new SessionHost(new SessionHostOptions
        {
            TimeProvider = time,
            // Bug 7 (KnownBugs): InfiniteTimeSpan ends every session at once, so "no deadline" is 40 fake days (Task.Delay takes at most about 49).
            ShutdownTimeout = plan.ShutdownDeadline ? TimeSpan.FromSeconds(30)
                : KnownBugs.InfiniteShutdownTimeoutEndsAtOnce ? TimeSpan.FromDays(40) : Timeout.InfiniteTimeSpan,
        });
        finalMessages = plan.Slots.Count * 16;
        ledger = new RoundLedger(time, plan.PlannedMessages + finalMessages, plan.Timeouts);
        targets = new InterleavedTarget?[plan.Slots.Count];
        nextFinal = plan.PlannedMessages;
    }

    /// <summary>Runs <paramref name="plan"/>; returns its tally, or throws <see cref="RoundFailure"/> with what went wrong.</summary>
    public static Task<RoundTally> RunAsync(RoundPlan plan) => new RoundRunner(plan).RunAsync();

    private async Task<RoundTally> RunAsync()
    {
        await using DeadLetterSubscription letters = host.SubscribeDeadLetters(capacity: 100_000);
        for (int slot = 0; slot < plan.InitialSessions; slot++)
        {
            Step step = plan.InitialSteps[slot];
            MessageRecord record = Sent(step, plan.Slots[slot], isPost: false, isStart: true);
            targets[slot] = await Guard(plan.Slots[slot].StartAsync(host, ledger, step, default).AsTask(), "the first sessions' starts");
            record.Session = targets[slot]!.Id;
            record.Result = RoundLedger.Answer(step.Id);
            record.Answered = true;
        }

        Task clock = Task.Run(ClockAsync);
        Task[] workers = [.. plan.Workers.Select((ops, worker) => Task.Run(() => WorkerAsync(worker, ops)))];
        go.SetResult();
        await Guard(Task.WhenAll(workers), "the workers");
        await Guard(Task.WhenAll(answers), "the awaited answers");

        if (Volatile.Read(ref disposing) is null)
        {
            // No disposal yet: end every session the round started, wait until every accepted post is handled or
            // dead-lettered, let every due time pass, and nothing may remain.
            await EndEverySessionAsync();
            await AccountForEveryPostAsync(letters, lateAllowed: false);
            clockStopped = true;
            await Guard(clock, "the clock");
            await CheckNothingRemainsAsync();
        }

        await Guard(Volatile.Read(ref disposing) ?? host.DisposeAsync().AsTask(), "the host's disposal");
        clockStopped = true;
        await Guard(clock, "the clock");
        if (host.SessionCount != 0 || host.PendingTimeoutCount != 0)
        {
            ledger.Violation($"after the host was disposed: SessionCount {host.SessionCount}, PendingTimeoutCount {host.PendingTimeoutCount}");
        }

        if (!KnownBugs.DeadLettersArriveAfterDisposal)
        {
            // The subscription completes once no turn can file a letter any more (a handler past the deadline gives up
            // on the stopping token, a turn answers the batch it held): everything the host filed is in it by then.
            await Guard(ReadToEndAsync(letters), "the dead-letter subscription's end");
        }

        await AccountForEveryPostAsync(letters, lateAllowed: KnownBugs.DeadLettersArriveAfterDisposal && plan.DisposesMidFlight);
        long late = host.DeadLetterCount - lettersRead;
        if (letters.Dropped != 0 || (late != 0 && !(KnownBugs.DeadLettersArriveAfterDisposal && late > 0 && plan.DisposesMidFlight)))
        {
            ledger.Violation($"the host filed {host.DeadLetterCount} dead letters; its subscription received {lettersRead} and dropped {letters.Dropped}");
        }

        RoundTally tally = Invariants.Check(plan, ledger, lateLetters: Math.Max(late, 0));
        tally.KnownBugSymptoms += Math.Max(late, 0) + withdrawalsThatThrew + excusedSymptoms;
        return tally;
    }

    private async Task<T> Guard<T>(Task<T> task, string phase)
    {
        await Guard((Task)task, phase);
        return await task;
    }

    private async Task Guard(Task task, string phase)
    {
        try
        {
            await task.WaitAsync(TestHosts.Guard);
        }
        catch (TimeoutException)
        {
            clockStopped = true;
            IEnumerable<string> waiting = ledger.Messages
                .Where(record => record.Step is not null && !record.IsPost && !record.Answered)
                .Take(10)
                .Select(record => $"{record} to {record.Process} {record.Session} (running {record.Session is { } id && host.Contains(id)}, "
                    + $"queue {(record.Session is { } queued ? host.GetQueueLength(queued) : -1)}); its session's story: "
                    + string.Join(" | ", ledger.Messages.Where(other => other.Session == record.Session && record.Session is not null)));
            throw new RoundFailure($"hung waiting for {phase}; unanswered: {string.Join(Environment.NewLine, waiting)}"
                + $"{Environment.NewLine}violations so far: {string.Join(Environment.NewLine, ledger.Violations.Take(5))}");
        }
    }
}

/// <summary>A round broke one of the runtime's promises; the message says which, and the test adds the seed.</summary>
internal sealed class RoundFailure(string message) : Exception(message);
