namespace SessionGen;

/// <summary>
/// What the clock has set going and is not finished yet: every session timeout from the moment it is due (taken by a
/// tick, or scheduled with no delay) until its turn is over (run, its durable turn stored and its events published, or
/// answered as never run), and every task a clock timer started (waking a stored session). A test clock advances, then
/// waits for <see cref="WhenSettled"/> instead of guessing when the timeouts it made due have run.
/// </summary>
/// <remarks>
/// A due entry is counted before the tick that took it returns (under the gate, in <see cref="TakeDue(int, long, List{TimerEntry})"/>),
/// so when a <c>FakeTimeProvider.Advance</c> returns, everything it made due is counted. Each counted entry is
/// uncounted exactly once: by <see cref="TimerEntry.Complete"/> or <see cref="TimerEntry.Reject"/> (every item posted to
/// a mailbox gets one of the two), or at once when its session refused it.
/// </remarks>
internal sealed partial class TimerWheel
{
    private readonly object settling = new();
    private int unsettled;
    private TaskCompletionSource? settled;

    /// <summary>How many due timeouts and clock tasks have not finished.</summary>
    internal int UnsettledCount => Volatile.Read(ref unsettled);

    /// <summary>Completes once every due timeout and clock task counted so far (and any counted meanwhile) has finished.</summary>
    internal Task WhenSettled()
    {
        lock (settling)
        {
            if (Volatile.Read(ref unsettled) == 0)
            {
                return Task.CompletedTask;
            }

            settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return settled.Task;
        }
    }

    /// <summary>A session's timeout is due (it goes to the session's mailbox now).</summary>
    internal void CountDue() => Interlocked.Increment(ref unsettled);

    /// <summary>A due timeout's turn is over, or its session refused it.</summary>
    internal void Settle()
    {
        if (Interlocked.Decrement(ref unsettled) != 0)
        {
            return;
        }

        TaskCompletionSource? waiting;
        lock (settling)
        {
            // Counted again meanwhile: the waiters wait for that one too.
            if (Volatile.Read(ref unsettled) != 0)
            {
                return;
            }

            waiting = settled;
            settled = null;
        }

        waiting?.TrySetResult();
    }

    /// <summary>Counts a task a clock timer started (on the clock's thread, before its tick returns) until it finishes.</summary>
    internal void Track(Task task)
    {
        CountDue();
        if (task.IsCompleted)
        {
            Settle();
            return;
        }

        task.ContinueWith(static (_, wheel) => ((TimerWheel)wheel!).Settle(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The time from now until the earliest entry still in the wheel is due; null when there is none.</summary>
    internal TimeSpan? NextDue()
    {
        long earliest = long.MaxValue;
        using (gate.Hold())
        {
            foreach (SlotHead slot in slots)
            {
                TimerEntry? head = slot.First;
                for (MailboxItem? item = head; item is not null; item = item.Next == head ? null : item.Next)
                {
                    var entry = (TimerEntry)item;
                    if (entry.DueTick < earliest && !IsReleased(entry))
                    {
                        earliest = entry.DueTick;
                    }
                }
            }
        }

        return earliest == long.MaxValue ? null : TimeSpan.FromTicks(Math.Max((earliest * tickLength) - ElapsedTicks(), 0));
    }

    /// <summary>How many of session <paramref name="id"/>'s own timeouts (not the runtime's: idle watch, hold limits) are in the wheel.</summary>
    internal int CountPending(SessionId id)
    {
        int count = 0;
        using (gate.Hold())
        {
            foreach (SlotHead slot in slots)
            {
                TimerEntry? head = slot.First;
                for (MailboxItem? item = head; item is not null; item = item.Next == head ? null : item.Next)
                {
                    var entry = (TimerEntry)item;
                    if (entry.Session is { } session && session.Id == id && !entry.IsRuntimeTimer && !IsReleased(entry))
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }
}
