namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// The README's promises, judged on a finished round's ledger: every accepted message ends exactly once (handled,
/// answered with a typed exception that fits what happened, or dead-lettered with a reason that fits its answer);
/// a refused post is never handled; a timeout whose Cancel returned true never runs, and none runs twice; plus what
/// the handlers and the runner recorded as they went (overlaps, order, leaks, hangs).
/// </summary>
internal static class Invariants
{
    /// <param name="plan">The round's plan.</param>
    /// <param name="ledger">What happened.</param>
    /// <param name="lateLetters">Dead letters the host counted but filed after the subscription had completed (bug 4, KnownBugs).</param>
    public static RoundTally Check(RoundPlan plan, RoundLedger ledger, long lateLetters)
    {
        var tally = new RoundTally { Rounds = 1, Disposals = plan.DisposesMidFlight ? 1 : 0 };
        var problems = new List<string>(ledger.Violations);
        SessionId? firstBroken = null;
        foreach (MessageRecord record in ledger.Messages)
        {
            if (record.Step is null)
            {
                if (record.Started + record.DeadLetters > 0)
                {
                    problems.Add("a message nobody sent was handled or dead-lettered");
                }

                continue;
            }

            string? problem = record.Started > 1 ? $"handled {record.Started} times"
                : record.DeadLetters > 1 ? $"dead-lettered {record.DeadLetters} times"
                : record.IsPost ? CheckPost(record, plan, tally, ref lateLetters)
                : CheckAnswered(record, plan, tally);
            if (problem is not null)
            {
                string how = record.IsPost ? "posted" : record.IsStart ? "start" : "sent";
                problems.Add($"{how} {record.Step} to {record.Process}: {problem}");
                firstBroken ??= record.Session;
            }
        }

        for (int id = 0; id < ledger.Timeouts.Length; id++)
        {
            TimeoutRecord timeout = ledger.Timeouts[id];
            tally.TimeoutsRan += timeout.Ran;
            tally.TimeoutsStopped += timeout.Stopped;
            if (timeout.Ran > 1 || timeout.Stopped > 1 || (timeout.Ran == 1 && timeout.Stopped == 1))
            {
                problems.Add($"timeout {id} ran {timeout.Ran} times, and Cancel returned true {timeout.Stopped} times");
            }
        }

        if (problems.Count > 0)
        {
            // What else that session was sent, in id order (each sender's order): usually the story of the break.
            IEnumerable<MessageRecord> history = firstBroken is { } session ? ledger.Messages.Where(m => m.Session == session) : [];
            throw new RoundFailure($"{problems.Count} broken promises: {string.Join(Environment.NewLine, problems.Take(20))}"
                + (firstBroken is null ? "" : $"{Environment.NewLine}session {firstBroken}: {string.Join(Environment.NewLine + "  ", history)}"));
        }

        return tally;
    }

    private static string? CheckPost(MessageRecord record, RoundPlan plan, RoundTally tally, ref long lateLetters)
    {
        (int started, int letters) = (record.Started, record.DeadLetters);
        if (!record.Accepted)
        {
            tally.PostsRefused++;
            return started + letters == 0 ? null : $"Post returned false, yet it was handled {started} times and dead-lettered {letters} times";
        }

        if (started == 1 && letters == 0)
        {
            tally.Handled++;
            return null;
        }

        if (letters == 1 && (started == 0 || (record.GaveUp == 1 && record.Letter == DeadLetterReason.HostStopping)))
        {
            // A one-way handler that gives up because the host stops is dead-lettered although it had started.
            tally.PostsDeadLettered++;
            return record.Letter is DeadLetterReason.SessionEnded or DeadLetterReason.HostStopping
                || (record.Letter == DeadLetterReason.Expired && record.Process!.Expires)
                ? null
                : $"dead-lettered as {record.Letter}, which a one-way message cannot be";
        }

        if (started == 0 && letters == 0 && KnownBugs.TurnDropsItsBatchWhenEndedUnderIt && plan.ShutdownDeadline)
        {
            // Bug 8 (KnownBugs): the shutdown deadline ended its session while the turn held it in its batch.
            tally.PostsLost++;
            tally.KnownBugSymptoms++;
            return null;
        }

        if (started == 0 && letters == 0 && lateLetters > 0)
        {
            // Bug 4 (KnownBugs): its dead letter is one of those the host filed after disposal completed the subscription.
            lateLetters--;
            tally.PostsDeadLettered++;
            return null;
        }

        return started == 0 ? "Post returned true, yet it was neither handled nor dead-lettered" : $"handled, and also dead-lettered as {record.Letter}";
    }

    private static string? CheckAnswered(MessageRecord record, RoundPlan plan, RoundTally tally)
    {
        if (!record.Answered)
        {
            return "never answered";
        }

        Exception? error = record.Error;
        if (record.DeadLetters == 1)
        {
            tally.DeadLettered++;
            bool fits = record.Letter switch
            {
                DeadLetterReason.Cancelled => error is OperationCanceledException && record.CancelRequested,
                DeadLetterReason.SessionEnded => error is SessionNotFoundException,
                DeadLetterReason.HostStopping => error is ObjectDisposedException,
                DeadLetterReason.Expired => error is MessageExpiredException,
                _ => false,
            };
            return record.Started != 0 ? $"handled, and also dead-lettered as {record.Letter}"
                : fits ? null
                : $"dead-lettered as {record.Letter}, but its sender was told {Describe(error)}";
        }

        int started = record.Started;
        StepKind kind = record.Step!.Kind;
        switch (error)
        {
            case null:
                tally.Handled++;
                return started == 1 && record.Finished == 1 && record.Result == RoundLedger.Answer(record.Step.Id)
                    ? null
                    : $"answered {record.Result} (expected {RoundLedger.Answer(record.Step.Id)}) although its handler started {started} and finished {record.Finished} times";
            case SessionFaultedException { InnerException: ObjectDisposedException } when KnownBugs.SchedulingThrowsPastTheShutdownDeadline
                && kind == StepKind.Arm && plan.ShutdownDeadline:
                // Bug 2 (KnownBugs): the handler scheduled its timeout after the shutdown deadline had disposed the timer wheel.
                tally.Faulted++;
                tally.KnownBugSymptoms++;
                return started == 1 ? null : Unexpected(record);
            case SessionFaultedException:
                tally.Faulted++;
                return started == 1 && kind is StepKind.Fail or StepKind.FailLate ? null : Unexpected(record);
            case HandlerTimeLimitExceededException:
                // The limit runs from the handler's dispatch: its caller may be answered before its first line runs.
                tally.TimeLimited++;
                return started <= 1 && record.Process!.TimeLimited ? null : Unexpected(record);
            case OperationCanceledException:
                tally.Cancelled++;
                return (started == 0 && record.CancelRequested)
                    || (started == 1 && kind == StepKind.Stall && record.GaveUp == 1 && (record.CancelRequested || plan.DisposesMidFlight))
                    ? null
                    : Unexpected(record);
            case SessionNotFoundException:
                tally.Refused++;
                return started == 0 ? null : Unexpected(record);
            case ObjectDisposedException:
                tally.Refused++;
                return started == 0 && plan.DisposesMidFlight ? null : Unexpected(record);
            case MailboxFullException:
                tally.Refused++;
                return started == 0 && record.Process!.RefusesWhenFull ? null : Unexpected(record);
            default:
                return Unexpected(record);
        }
    }

    private static string Unexpected(MessageRecord record) =>
        $"told {Describe(record.Error)} although its handler started {record.Started} times (gave up {record.GaveUp}), "
        + $"{(record.CancelRequested ? "its caller cancelled" : "its caller did not cancel")}, no dead letter";

    private static string Describe(Exception? error) => error is null ? "success" : $"{error.GetType().Name} ({error.Message})";
}
