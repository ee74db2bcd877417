using System.Numerics;

namespace SessionGen;

/// <summary>
/// The timer's wake-up: take every entry due by now, set the timer for the next occupied slot, then, out of the gate,
/// run the clock's own entries and post the sessions' ones, in due order and, for the same due tick, in scheduling order.
/// </summary>
internal sealed partial class TimerWheel
{
    private void OnTick()
    {
        // The clock is user code: read before the gate (a later Insert is then only ever due after this tick).
        long nowTick = ElapsedTicks() / tickLength;
        List<TimerEntry> due = [];
        long next;
        long armSequence = 0;
        using (gate.Hold())
        {
            if (disposed)
            {
                return;
            }

            if (nowTick > processedTick)
            {
                TakeDue(nowTick, due);
                processedTick = nowTick;
            }

            // The timer has fired, so it is set for nothing now; a setting still being made only adds a spare wake-up.
            armedTick = long.MaxValue;
            next = NextOccupiedTick();
            if (next != long.MaxValue)
            {
                armSequence = PlanTimer(next);
            }
        }

        if (armSequence != 0)
        {
            SetTimer(armSequence, next);
        }

        Run(due);
    }

    /// <summary>Under the gate: takes every entry due by <paramref name="nowTick"/>, in order.</summary>
    private void TakeDue(long nowTick, List<TimerEntry> due)
    {
        if (nowTick - processedTick < SlotCount)
        {
            // Tick by tick: each slot then holds entries of one due tick only, in scheduling order.
            for (long tick = processedTick + 1; tick <= nowTick; tick++)
            {
                TakeDue(SlotOf(tick), nowTick, due);
            }

            return;
        }

        // Past a whole turn of the wheel, every occupied slot may hold due entries, of several ticks: take them slot by
        // slot, then order them by due tick with a stable sort (List.Sort is not), so entries due on the same tick keep
        // their order in their slot, which is the order they were scheduled in.
        for (int word = 0; word < BitmapWords; word++)
        {
            for (ulong bits = occupied[word]; bits != 0; bits &= bits - 1)
            {
                TakeDue((word << 6) | BitOperations.TrailingZeroCount(bits), nowTick, due);
            }
        }

        TimerEntry[] ordered = [.. due.OrderBy(static entry => entry.DueTick)];
        due.Clear();
        due.AddRange(ordered);
    }

    private void TakeDue(int slot, long nowTick, List<TimerEntry> due)
    {
        if (slots[slot].First is null)
        {
            return;
        }

        DetachedSlot entries = Detach(slot);
        while (entries.TryTake(out TimerEntry? entry))
        {
            if (entry.DueTick > nowTick)
            {
                Append(entry); // due a later turn of the wheel: back in place, still in order
            }
            else if (IsReleased(entry))
            {
                Drop(entry);
            }
            else
            {
                Uncount(entry);
                entry.SetState(TimerEntry.Queued);
                if (entry.Session is not null)
                {
                    CountDue(); // settled when its turn is over (TimerWheel.Settling.cs)
                }

                due.Add(entry);
            }
        }
    }

    /// <summary>
    /// Out of the gate: runs the clock's entries and posts the sessions' ones. Either may have been cancelled since it
    /// was taken (Cancel then said true), so each is run only if still queued: a clock entry checks when it runs, a
    /// session's entry when its turn comes (<see cref="TimerEntry.RunAsync"/>), and one cancelled already is not posted.
    /// </summary>
    private void Run(List<TimerEntry> due)
    {
        foreach (TimerEntry entry in due)
        {
            Interleaving.Point();
            if (entry.Session is not { } session)
            {
                ((ClockTimerEntry)entry).RunOnClock();
            }
            else if (entry.State != TimerEntry.Queued)
            {
                Settle(); // cancelled since it was taken: never posted
            }
            else if (!session.TryPost(entry))
            {
                entry.SetState(TimerEntry.Cancelled); // its session ended since
                Settle();
            }
        }
    }
}
