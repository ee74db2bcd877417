namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// The body every interleaved process shares, one per session: it records each handler in the round's ledger and
/// checks the runtime's promises that only the session can see: no two of its handlers (timeouts included) at
/// once, also across awaits, and each sender's messages in the order sent.
/// </summary>
public sealed class InterleavedTurn
{
    private readonly long[] lastSequence = Enumerable.Repeat(-1L, RoundLedger.MaxSenders).ToArray();
    private int running;

    public void Open(RoundLedger ledger, Step step)
    {
        Enter(ledger, step);
        ledger.Finished(step.Id);
        Exit();
    }

    /// <summary>
    /// Runs <paramref name="step"/>. Kinds that do not suspend complete synchronously, and <see cref="StepKind.Fail"/>
    /// throws synchronously, so both of the runtime's paths (completed at once, awaited) are exercised.
    /// </summary>
    public ValueTask<int> Work(
        RoundLedger ledger, Step step, Action endSession, Func<TimeSpan, RoundLedger, long, TimeoutHandle> schedule, CancellationToken token)
    {
        Enter(ledger, step);
        bool suspended = false;
        try
        {
            switch (step.Kind)
            {
                case StepKind.Fail:
                    throw new InvalidOperationException($"planned fault of message {step.Id}");
                case StepKind.End:
                    endSession();
                    break;
                case StepKind.Arm:
                    ledger.Armed(step.TimeoutId, schedule(step.Delay, ledger, step.TimeoutId));
                    break;
                case StepKind.Disarm:
                    ledger.CancelTimeout(step.TimeoutId);
                    break;
                case StepKind.Yield or StepKind.FailLate or StepKind.Stall:
                    suspended = true;
                    return SuspendAsync(ledger, step, token);
            }

            ledger.Finished(step.Id);
            return new ValueTask<int>(RoundLedger.Answer(step.Id));
        }
        finally
        {
            if (!suspended)
            {
                Exit();
            }
        }
    }

    /// <summary>A timeout's handler: it takes the session's turn like a message.</summary>
    public void Ring(RoundLedger ledger, long timeoutId)
    {
        if (Interlocked.Increment(ref running) != 1)
        {
            ledger.Violation($"timeout {timeoutId} ran while another handler of its session was running");
        }

        ledger.Rang(timeoutId);
        Exit();
    }

    private async ValueTask<int> SuspendAsync(RoundLedger ledger, Step step, CancellationToken token)
    {
        try
        {
            if (step.Kind == StepKind.Stall)
            {
                try
                {
                    await Task.Delay(step.Delay, ledger.Time, token);
                }
                catch (OperationCanceledException)
                {
                    ledger.GaveUp(step.Id);
                    throw;
                }
            }
            else
            {
                await Task.Yield();
            }

            if (step.Kind == StepKind.FailLate)
            {
                throw new InvalidOperationException($"planned late fault of message {step.Id}");
            }

            ledger.Finished(step.Id);
            return RoundLedger.Answer(step.Id);
        }
        finally
        {
            Exit();
        }
    }

    private void Enter(RoundLedger ledger, Step step)
    {
        if (Interlocked.Increment(ref running) != 1)
        {
            ledger.Violation($"message {step.Id} ({step.Kind}) started while another handler of its session was running");
        }

        if (step.Sequence <= lastSequence[step.Sender])
        {
            ledger.Violation($"message {step.Id} (sender {step.Sender}, #{step.Sequence}) ran after that sender's #{lastSequence[step.Sender]}");
        }

        lastSequence[step.Sender] = step.Sequence;
        ledger.Started(step.Id);
    }

    private void Exit() => Interlocked.Decrement(ref running);
}
