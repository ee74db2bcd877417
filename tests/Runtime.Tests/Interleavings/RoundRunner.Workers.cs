namespace SessionGen.Runtime.Tests.Interleavings;

// The workers: each runs its planned operations in order (sends, posts, starts, cancellations, timeout cancellations,
// clock moves, the host's disposal) and records what every sender was told.
internal sealed partial class RoundRunner
{
    private async Task WorkerAsync(int worker, Op[] ops)
    {
        await go.Task;
        var tokens = new CancellationTokenSource?[ops.Length];
        for (int index = 0; index < ops.Length; index++)
        {
            Op op = ops[index];
            switch (op.Kind)
            {
                case OpKind.Send:
                    (tokens[index], Task sent) = Send(op);
                    if (op.AwaitNow)
                    {
                        await sent;
                    }

                    break;
                case OpKind.Post:
                    InterleavedTarget target = TargetFor(op.Slot);
                    MessageRecord posted = Sent(op.Step!, target.Process, isPost: true, isStart: false);
                    posted.Session = target.Id;
                    posted.Accepted = target.Post(op.Step!);
                    break;
                case OpKind.Start:
                    (tokens[index], Task started) = Start(op);
                    if (op.AwaitNow)
                    {
                        await started;
                    }

                    break;
                case OpKind.CancelEarlier when tokens[op.Earlier] is { } earlier:
                    ledger.Messages[ops[op.Earlier].Step!.Id].CancelRequested = true;
                    Cancel(earlier);
                    break;
                case OpKind.CancelTimeout:
                    ledger.CancelTimeout(op.TimeoutId);
                    break;
                case OpKind.Advance:
                    Advance(op.Advance);
                    break;
                case OpKind.Dispose:
                    Volatile.Write(ref disposing, host.DisposeAsync().AsTask());
                    break;
                default:
                    if ((index & 1) == 0)
                    {
                        Thread.Yield();
                    }
                    else
                    {
                        await Task.Yield();
                    }

                    break;
            }
        }
    }

    private (CancellationTokenSource?, Task) Send(Op op)
    {
        InterleavedTarget target = TargetFor(op.Slot);
        MessageRecord record = Sent(op.Step!, target.Process, isPost: false, isStart: false);
        record.Session = target.Id;
        CancellationTokenSource? cancellation = Cancellation(op, record);
        ValueTask<int> answer = target.Send(op.Step!, cancellation?.Token ?? default);
        if (op.Cancel == CancelMode.RightAfter)
        {
            Cancel(cancellation!);
        }

        Task recorded = RecordAsync(record, answer);
        answers.Enqueue(recorded);
        return (cancellation, recorded);
    }

    private (CancellationTokenSource?, Task) Start(Op op)
    {
        MessageRecord record = Sent(op.Step!, op.Process!, isPost: false, isStart: true);
        CancellationTokenSource? cancellation = Cancellation(op, record);
        ValueTask<InterleavedTarget> answer = op.Process!.StartAsync(host, ledger, op.Step!, cancellation?.Token ?? default);
        if (op.Cancel == CancelMode.RightAfter)
        {
            Cancel(cancellation!);
        }

        Task recorded = RecordStartAsync(record, answer, op.Slot);
        answers.Enqueue(recorded);
        return (cancellation, recorded);
    }

    private CancellationTokenSource? Cancellation(Op op, MessageRecord record)
    {
        record.CancelRequested = op.Cancel is CancelMode.Before or CancelMode.RightAfter or CancelMode.ByClock;
        CancellationTokenSource? cancellation = op.Cancel switch
        {
            CancelMode.None => null,
            CancelMode.ByClock => new CancellationTokenSource(op.CancelDelay, time),
            _ => new CancellationTokenSource(),
        };
        if (op.Cancel == CancelMode.Before)
        {
            Cancel(cancellation!);
        }

        return cancellation;
    }

    /// <summary>Cancels a caller's token; the runtime's cancellation callback (Withdraw) must not throw back into it.</summary>
    private void Cancel(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (Exception error) when (IsBug9(error))
        {
            Interlocked.Increment(ref withdrawalsThatThrew);
        }
    }

    // Bug 9 (KnownBugs): Withdraw reads its request after answering it, when the caller may have recycled it already.
    private static bool IsBug9(Exception error) =>
        KnownBugs.WithdrawReadsItsRecycledRequest
        && error is AggregateException { InnerExceptions: [NullReferenceException { StackTrace: { } trace }] }
        && trace.Contains(".Withdraw()", StringComparison.Ordinal);

    // Awaits the ValueTask itself (not AsTask), so the pooled request goes back to this thread's pool and the next
    // send from here reuses it while late callbacks of its last use may still be about.
    private static async Task RecordAsync(MessageRecord record, ValueTask<int> answer)
    {
        try
        {
            record.Result = await answer;
        }
        catch (Exception error)
        {
            record.Error = error;
        }
        finally
        {
            record.Answered = true;
        }
    }

    private async Task RecordStartAsync(MessageRecord record, ValueTask<InterleavedTarget> answer, int slot)
    {
        try
        {
            InterleavedTarget target = await answer;
            record.Session = target.Id;
            Volatile.Write(ref targets[slot], target);
            record.Result = RoundLedger.Answer(record.Step!.Id);
        }
        catch (Exception error)
        {
            record.Error = error;
        }
        finally
        {
            record.Answered = true;
        }
    }

    private InterleavedTarget TargetFor(int slot) => Volatile.Read(ref targets[slot]) ?? targets[slot % plan.InitialSessions]!;

    private MessageRecord Sent(Step step, InterleavedProcess process, bool isPost, bool isStart)
    {
        MessageRecord record = ledger.Messages[step.Id];
        record.Step = step;
        record.Process = process;
        record.IsPost = isPost;
        record.IsStart = isStart;
        return record;
    }
}
