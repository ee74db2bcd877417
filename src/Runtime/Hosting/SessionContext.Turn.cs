using System.Runtime.CompilerServices;

namespace SessionGen.Infrastructure;

// The turn: one message at a time, also across a handler's awaits. Exactly one thread holds the turn (the mailbox's
// "scheduled" flag says so); it runs a bounded batch, then gives the turn up or hands it to the thread pool.
public sealed partial class SessionContext : IThreadPoolWorkItem
{
    // Bounds one turn so a busy session hands its thread back and cannot starve the others.
    private const int TurnBatchSize = 64;

    // A handler run inline may send to another idle session, which runs inline too: bound the nesting.
    private const int MaxInlineDepth = 4;

    [ThreadStatic]
    private static int inlineDepth;

    // The item or one-way operation whose handler runs now: its name and [MovesTo] targets, for MoveTo.
    private object? running;

    // Odd while a handler runs, even between handlers: a call-chain frame remembers the odd value it was made in,
    // so a frame that outlived its handler (a task the handler left running) no longer counts as waiting.
    private int handlerRuns;
    private bool endRequested;

    /// <summary>True while the handler whose run number is <paramref name="run"/> has not finished.</summary>
    internal bool IsRunning(int run) => Volatile.Read(ref handlerRuns) == run;

    /// <summary>The number of the handler run now on the turn (odd).</summary>
    internal int CurrentRun => handlerRuns;

    /// <summary>
    /// Starts the turn a sender has just claimed (the session was idle): on the calling thread when it may run
    /// handlers (see <see cref="MayRunHandlersHere"/>), so a handler that completes synchronously costs no thread
    /// hop; on the thread pool when handlers already run inline too deep on this thread, or when the process has a
    /// handler time limit, which must be able to answer the caller while the handler still runs.
    /// </summary>
    internal void BeginTurn()
    {
        if (inlineDepth >= MaxInlineDepth || !MayRunHandlersHere || Definition.Settings.HandlerTimeLimit is not null)
        {
            ScheduleTurn();
            return;
        }

        inlineDepth++;
        try
        {
            CallTimeline.Mark(14);
            RunTurn(limit: 1);
            CallTimeline.Mark(16);
        }
        finally
        {
            inlineDepth--;
        }
    }

    internal void ScheduleTurn() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>
    /// A UI thread (a synchronization context or scheduler of its own) never runs handlers, nor waits for one; nor
    /// does a thread whose caller suppressed the execution context's flow (its ambient state could not be put back).
    /// </summary>
    private static bool MayRunHandlersHere =>
        SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default && !ExecutionContext.IsFlowSuppressed();

    void IThreadPoolWorkItem.Execute() => RunTurn(TurnBatchSize);

    /// <summary>Runs up to <paramref name="limit"/> items, then gives the turn up or hands it to the thread pool.</summary>
    private void RunTurn(int limit)
    {
        // Consecutive one-way messages with synchronous handlers share one handler scope (see OneWayRunScope); it is
        // left before anything else runs and before the turn returns, also if something throws.
        OneWayRunScope oneWays = default;
        try
        {
            if (limit == 1)
            {
                RunTurnOfOne(ref oneWays);
            }
            else
            {
                RunTurnInBatches(limit, ref oneWays);
            }
        }
        finally
        {
            oneWays.Exit();
        }
    }

    // A sender's inline turn (limit 1) takes one entry: a slot of its own on the stack, not a batch of them. The JIT
    // zeroes a frame's entries (they hold references) on every call, and a request/response round trip runs one inline
    // turn per call: with the batch in the turn's frame (16 slots of 24 B) its Tier-1 prologue cleared 768 B, 608 B
    // when slots were 16 B; without it, 432 B, and 24 B for the one slot here (perf6 in docs/performance.md).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunTurnOfOne(ref OneWayRunScope oneWays)
    {
        MailboxEntry one = default;
        RunTurn(limit: 1, new Span<MailboxEntry>(ref one), ref oneWays);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunTurnInBatches(int limit, ref OneWayRunScope oneWays)
    {
        EntryBatch batch = default;
        RunTurn(limit, batch, ref oneWays);
    }

    private void RunTurn(int limit, scoped Span<MailboxEntry> batch, ref OneWayRunScope oneWays)
    {
        int next = 0;
        int count = 0;
        for (int handled = 0; handled < limit; handled++)
        {
            if (next == count)
            {
                next = 0;

                // A durable session takes one entry at a time: a turn whose write fails (or that an unload cuts short)
                // closes the mailbox, and what it had accepted behind that turn must still be in it, to be kept for the
                // next load in order; entries taken ahead into the batch would be answered as if the session had ended.
                count = Take(batch[..(durability is null ? Math.Min(batch.Length, limit - handled) : 1)]);
                if (count == 0)
                {
                    // Gone idle, or the session has ended (its mailbox closed): a turn that outlived the end leaves.
                    if (IsEnded)
                    {
                        LeaveEndedTurn(stillScheduled: false);
                    }

                    return;
                }
            }

            MailboxEntry entry = batch[next];
            batch[next++] = default;
            MailboxItem? item = entry.Item;
            object current = (object?)item ?? entry.OneWay!;
            if (!ReferenceEquals(running, current))
            {
                // Written only when it changes: producers read this object's other fields on every send.
                running = current;
            }

            handlerRuns++;
            ValueTask run;
            if (item is null && entry.OneWay!.HandlerIsSynchronous && (oneWays.IsEntered || OneWayRunScope.TryEnter(this, out oneWays)))
            {
                oneWays.BeforeHandler();
                run = entry.OneWay.RunOneWayInRun(this, entry);
                oneWays.AfterHandler();
            }
            else
            {
                oneWays.Exit();
                run = item is not null ? item.RunAsync(this) : entry.OneWay!.RunOneWayAsync(this, entry);
            }

            if (!run.IsCompleted)
            {
                oneWays.Exit();
                // One message at a time also across awaits: the turn stays ours (the mailbox keeps its
                // "scheduled" flag) until the handler finishes, then continues where it left off.
                PutBack(batch[next..count]);
                SessionExtras rare = Extras;
                rare.AwaitedItem = item;
                rare.AwaitedRun = run;
                run.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(rare.ResumeTurn ??= ResumeTurn);
                return;
            }

            run.GetAwaiter().GetResult();
            if (endRequested || InFinalState || durability is not null)
            {
                // Finish is about to end the session or commit it: outside any handler's scope, as after a scope of its own.
                oneWays.Exit();
            }

            if (next < count && (endRequested || InFinalState || IsEnded))
            {
                // The session ends after this handler: what the turn took but has not run goes back, so the
                // end answers it in order with the rest of the queue.
                PutBack(batch[next..count]);
                next = count;
            }

            bool finished = Finish(item);
            CallTimeline.Mark(15);
            if (!finished)
            {
                // Ended meanwhile, perhaps by another thread (the shutdown deadline) after the check above: what the
                // turn took but has not run is answered, never dropped (outside any handler's scope).
                oneWays.Exit();
                PutBack(batch[next..count]);
                if (IsEnded)
                {
                    LeaveEndedTurn(stillScheduled: true); // after its last dead letter
                }

                return;
            }
        }

        oneWays.Exit();
        PutBack(batch[next..count]);
        bool idle;
        using (MailboxGate.Hold())
        {
            idle = mailbox.TryGoIdle();
        }

        if (!idle)
        {
            ScheduleTurn();
        }
        else if (IsEnded)
        {
            LeaveEndedTurn(stillScheduled: false); // ended after it took its last batch, which PutBack answered
        }
    }

    /// <summary>Takes the next entry, or a run of one-way entries, into <paramref name="batch"/>; 0 when nothing can run.</summary>
    private int Take(Span<MailboxEntry> batch)
    {
        if (Protocol is not null)
        {
            if (!TryDequeueUnderProtocol(out MailboxEntry entry))
            {
                return 0;
            }

            batch[0] = entry;
            return 1;
        }

        using (MailboxGate.Hold())
        {
            return mailbox.TakeRun(Capacity, batch);
        }
    }

    /// <summary>Returns entries taken but not run to the head of the queue; if the session has ended meanwhile, answers them.</summary>
    private void PutBack(ReadOnlySpan<MailboxEntry> unrun)
    {
        // Nothing to put back, and no place kept for entries taken (the turn alone writes that, so it reads it without the gate).
        if (unrun.IsEmpty && !mailbox.HoldsTakenPlaces)
        {
            return;
        }

        bool returned;
        using (MailboxGate.Hold())
        {
            returned = mailbox.PutBack(unrun);
        }

        if (!returned && !unrun.IsEmpty)
        {
            DeadLetterReason reason = Host.IsStopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded;
            Exception answer = EndedAnswer(reason);
            foreach (MailboxEntry entry in unrun)
            {
                entry.Reject(this, answer, reason);
            }
        }
    }

    /// <summary>
    /// The awaited handler has finished: report it and go on with the turn. The handler's task may have been
    /// completed by any thread, a UI thread included; the turn goes on there only if that thread may run handlers.
    /// </summary>
    private void ResumeTurn()
    {
        SessionExtras rare = extras!;
        MailboxItem? item = rare.AwaitedItem;
        ValueTask run = rare.AwaitedRun;
        rare.AwaitedItem = null;
        rare.AwaitedRun = default;
        run.GetAwaiter().GetResult();
        if (Finish(item))
        {
            ContinueTurn();
        }
        else if (IsEnded)
        {
            LeaveEndedTurn(stillScheduled: true);
        }
    }

    /// <summary>Goes on with the turn after something it awaited (a handler, a durable commit) has finished.</summary>
    private void ContinueTurn()
    {
        // The completing thread may itself be deep in other sessions' turns (a handler completing this one's task):
        // the same bound as for inline turns keeps the stack short.
        if (!MayRunHandlersHere || inlineDepth >= MaxInlineDepth)
        {
            ScheduleTurn();
            return;
        }

        inlineDepth++;
        try
        {
            RunTurn(TurnBatchSize);
        }
        finally
        {
            inlineDepth--;
        }
    }

    /// <summary>Ends the session if asked, then reports the item (null for a one-way message); false when the session has ended.</summary>
    private bool Finish(MailboxItem? item)
    {
        handlerRuns++;
        if (Definition.HasIdleTimeout && (item is null || item.IsMessage))
        {
            // Idleness counts from when the last message finished, not from when it started; timeouts do not count.
            Volatile.Write(ref Extras.LastMessageTimestamp, Host.TimeProvider.GetTimestamp());
        }

        if (InFinalState)
        {
            endRequested = true;
        }

        if (durability is not null)
        {
            return FinishDurable(item);
        }

        // The session ends before the caller sees the result, so a caller that saw EndSession's
        // handler finish never reaches the session again.
        if (endRequested)
        {
            End(DeadLetterReason.SessionEnded);
        }

        Interleaving.Point();
        item?.Complete();
        return !IsEnded;
    }
}
