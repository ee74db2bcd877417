using System.Diagnostics;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Interleavings;

// The end of a round: every session ended by the round's own messages, every accepted post accounted for, the dead
// letters read, and nothing left behind.
internal sealed partial class RoundRunner
{
    /// <summary>
    /// Ends every session the round started with the round's own End messages. An End refused by a full fail-fast
    /// mailbox, or expired in a queue behind stalled handlers, is sent again once the queue has room.
    /// </summary>
    /// <remarks>
    /// The clock thread is paused meanwhile, and this loop moves the clock itself, one clock step per turn of its own
    /// and only while something is queued (a stalled handler ahead, which only the clock's time limit or delay
    /// releases). Left to run, the clock thread moves the fake clock by up to 40 ms per iteration at a few hundred
    /// nanoseconds an iteration (FakeTimeProvider 10.11's Advance does not sleep): a message time-to-live of 2 s is then
    /// some tens of microseconds of real time, less than the thread-pool hop a time-limited session's turn always
    /// takes, and every End could expire, up to the round's last final message (about once in 2,000 rounds of the
    /// timed mix; runs of 20 expired Ends were common).
    /// </remarks>
    private async Task EndEverySessionAsync()
    {
        clockPaused = true;
        try
        {
            await SendEveryEndAsync();
        }
        finally
        {
            clockPaused = false;
        }
    }

    private async Task SendEveryEndAsync()
    {
        long sequence = plan.InitialSessions;
        int clockStep = 0;
        var guard = Stopwatch.StartNew();
        foreach (InterleavedTarget target in targets.OfType<InterleavedTarget>())
        {
            var told = new List<string>();
            while (true)
            {
                long id = nextFinal++;
                if (id >= ledger.Messages.Length || guard.Elapsed > TestHosts.Guard)
                {
                    ledger.Violation($"session {target.Id} ({target.Process}) could not be ended: its End was told {string.Join(", ", told)}");
                    break;
                }

                var step = new Step(id, RoundPlan.RoundSender, sequence++, StepKind.End);
                MessageRecord record = Sent(step, target.Process, isPost: false, isStart: false);
                record.Session = target.Id;
                Task recorded = RecordAsync(record, target.Send(step, default));
                while (!recorded.IsCompleted && guard.Elapsed < TestHosts.Guard)
                {
                    MoveClockWhileQueued(target.Id, ref clockStep);
                    await Task.Yield();
                }

                await Guard(recorded, "the final End messages");
                if (record.Error is not (MailboxFullException or MessageExpiredException))
                {
                    break;
                }

                told.Add(record.Error.GetType().Name);
                while (host.GetQueueLength(target.Id) > 0 && guard.Elapsed < TestHosts.Guard)
                {
                    MoveClockWhileQueued(target.Id, ref clockStep);
                    await Task.Yield();
                }
            }
        }
    }

    /// <summary>One clock step, if anything waits in the session's queue (see <see cref="EndEverySessionAsync"/>).</summary>
    private void MoveClockWhileQueued(SessionId id, ref int clockStep)
    {
        if (host.GetQueueLength(id) > 0)
        {
            Advance(plan.ClockSteps[clockStep++ % plan.ClockSteps.Count]);
        }
    }

    /// <summary>
    /// Every post that was accepted ends handled or dead-lettered: wait (on counts, under the hang guard) until each has.
    /// With <paramref name="lateAllowed"/> (bug 4, KnownBugs) a dead letter the host counted after its subscription
    /// completed stands in for one the subscription never received.
    /// </summary>
    private async Task AccountForEveryPostAsync(DeadLetterSubscription letters, bool lateAllowed)
    {
        var guard = Stopwatch.StartNew();
        MessageRecord[] posts = [.. ledger.Messages.Where(record => record.IsPost && record.Accepted)];
        while (true)
        {
            ReadLetters(letters);
            int unaccounted = posts.Count(record => Volatile.Read(ref record.Started) + record.DeadLetters == 0);
            if (unaccounted <= (lateAllowed ? host.DeadLetterCount - lettersRead : 0) || guard.Elapsed > TestHosts.Guard)
            {
                return;
            }

            await Task.Yield();
        }
    }

    /// <summary>
    /// Moves the clock an hour on, past every timeout and time limit the round set, until no timeout is pending and no
    /// session is left (a handler finishing on the way cancels its time limit only then), under the hang guard; then
    /// nothing may remain.
    /// </summary>
    private async Task CheckNothingRemainsAsync()
    {
        // Bug 1 (KnownBugs): a session whose start failed on expiry or its time limit stays, unknown to the round; so
        // does one whose starter was withdrawn by a cancellation that threw (bug 9) before abandoning it.
        int failedStarts = Volatile.Read(ref withdrawalsThatThrew) + (KnownBugs.FailedStartLeavesItsSession
            ? ledger.Messages.Count(record => record.IsStart && record.Error is MessageExpiredException or HandlerTimeLimitExceededException)
            : 0);
        var guard = Stopwatch.StartNew();
        SessionContext[] left;
        int known;
        do
        {
            Advance(TimeSpan.FromHours(1));
            await Task.Yield();
            left = [.. host.RunningSessions];
            known = left.Count(session => targets.Any(target => target?.Id == session.Id));
        }
        while ((host.PendingTimeoutCount != 0 || known > 0 || left.Length > failedStarts) && guard.Elapsed < TestHosts.Guard);

        excusedSymptoms += left.Length;
        if (host.PendingTimeoutCount != 0 || known > 0 || left.Length > failedStarts)
        {
            string starts = string.Join(", ", ledger.Messages.Where(m => m.IsStart && m.Error is not null).Select(m => $"#{m.Step!.Id} to {m.Process}: {m.Error!.GetType().Name}"));
            ledger.Violation($"after every session ended: {left.Length} sessions left ({string.Join(", ", left.Select(s => $"{s.Id} {s.Definition.ProtocolName}"))}), "
                + $"PendingTimeoutCount {host.PendingTimeoutCount}; failed starts: {starts}");
        }
    }

    private async Task ReadToEndAsync(DeadLetterSubscription letters)
    {
        await foreach (DeadLetter letter in letters)
        {
            lettersRead++;
            File(letter);
        }
    }

    private void ReadLetters(DeadLetterSubscription letters)
    {
        while (letters.TryRead(out DeadLetter? letter))
        {
            lettersRead++;
            File(letter);
        }
    }

    private void File(DeadLetter letter)
    {
        if (InterleavedProcess.StepOf(letter.Message) is not { } step)
        {
            ledger.Violation($"a dead letter for a message no worker sent: {letter}");
            return;
        }

        MessageRecord record = ledger.Messages[step.Id];
        record.DeadLetters++;
        record.Letter = letter.Reason;
    }
}
