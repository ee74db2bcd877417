using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Timeouts a handler schedules on its own thread (<see cref="TimerStaging"/>): kept out of the wheel until the
/// handler's part returns, then linked all together under one gate, with one clock read for the batch.
/// </summary>
/// <remarks>
/// A staged entry is <see cref="TimerEntry.Pending"/> with a negative <see cref="TimerEntry.DueTick"/>: its delay,
/// negated, until the handover turns it into the due tick (a linked entry's due tick is always positive). It is
/// counted as pending from the handover on. Its handler cancels it with one compare-exchange on its state, no gate;
/// any other thread cancels it under the gate, which the handover holds too, so the handover links exactly the
/// staged entries still pending.
/// </remarks>
internal sealed partial class TimerWheel
{
    // Entries linked per hold of the gate during a handover (a few microseconds' worth).
    private const int HandOverChunk = 256;

    /// <summary>Marks <paramref name="entry"/> staged, due <paramref name="delay"/> after its handover.</summary>
    private static void Stage(TimerEntry entry, TimeSpan delay)
    {
        entry.DueTick = -Math.Min(delay.Ticks, MaxDelayTicks);
        TimerStaging.Stage(entry);
    }

    /// <summary>Whether <paramref name="entry"/> waits in a handler's window (not linked yet).</summary>
    private static bool IsStaged(TimerEntry entry) => entry.DueTick < 0;

    /// <summary>
    /// Links the entries <paramref name="session"/>'s handler staged (chained from <paramref name="head"/> to
    /// <paramref name="tail"/> through <c>Next</c>, in scheduling order; none when <paramref name="head"/> is null), each
    /// due its delay after now; those it cancelled meanwhile are left out. The spare entries the handler's window took and
    /// did not reuse, <paramref name="free"/>, go back to the session.
    /// </summary>
    internal void HandOver(SessionContext session, TimerEntry? head, TimerEntry? tail, TimerEntry? free)
    {
        SessionExtras counter = session.Extras;
        long armSequence = 0;
        long armTick = 0;
        if (head is not null)
        {
            // Read once, after every staged entry was scheduled: none of them can come due early.
            long elapsed = ElapsedTicks();
            TimerEntry? rest = head;
            while (rest is not null)
            {
                using (gate.Hold())
                {
                    rest = LinkStaged(session, counter, rest, tail!, elapsed, ref armSequence, ref armTick);
                }
            }
        }

        if (free is not null)
        {
            using (gate.Hold())
            {
                ReturnFree(counter, free);
            }
        }

        if (armSequence != 0)
        {
            SetTimer(armSequence, armTick);
        }
    }

    /// <summary>
    /// Under the gate: links up to <see cref="HandOverChunk"/> staged entries from <paramref name="entry"/> on and
    /// returns the first one left (null once <paramref name="tail"/> is linked). Bounded so that a handler that scheduled
    /// very many timeouts does not keep the other threads spinning at the gate meanwhile.
    /// </summary>
    /// <remarks>
    /// The staged chain is already linked forward, so a run of entries due on the same tick is spliced into its slot
    /// whole (<see cref="AppendRun"/>): each entry only gets its <c>Previous</c>, instead of the four links (and write
    /// barriers) of an <see cref="Append"/>. The tail's <c>Next</c> may point on into the window's spare entries: the
    /// walk stops at the tail.
    /// </remarks>
    private TimerEntry? LinkStaged(SessionContext session, SessionExtras counter, TimerEntry? entry, TimerEntry tail, long elapsed, ref long armSequence, ref long armTick)
    {
        // As in Insert: an ended session's timeouts would never run, and a stopped host runs nothing.
        bool refused = session.IsEnded || disposed;
        int linked = 0;
        long earliest = long.MaxValue;
        long lastDelay = 0;
        long lastDue = 0;
        TimerEntry? runHead = null;
        TimerEntry? runTail = null;
        for (int taken = 0; entry is not null && taken < HandOverChunk; taken++)
        {
            TimerEntry? next = entry == tail ? null : (TimerEntry?)entry.Next;
            if ((entry.TimerState & TimerEntry.StateMask) != TimerEntry.Pending || refused)
            {
                entry.Next = null;
                if (refused)
                {
                    entry.SetState(TimerEntry.Cancelled);
                }

                entry = next;
                continue;
            }

            // A handler's timeouts mostly share one delay: one division for the run of them.
            long delay = -entry.DueTick;
            if (delay != lastDelay)
            {
                lastDelay = delay;
                long due = Math.Max(CeilingTick(delay < MaxDelayTicks - elapsed ? elapsed + delay : MaxDelayTicks), processedTick + 1);
                if (due != lastDue && runHead is not null)
                {
                    AppendRun(runHead, runTail!);
                    runHead = null;
                }

                lastDue = due;
                earliest = Math.Min(earliest, due);
            }

            entry.DueTick = lastDue;
            if (runHead is null)
            {
                runHead = entry;
            }
            else
            {
                // Already so when the entry was staged right after the run's last (written only if not: a write barrier).
                if (runTail!.Next != entry)
                {
                    runTail.Next = entry;
                }

                entry.Previous = runTail;
            }

            runTail = entry;
            linked++;
            entry = next;
        }

        if (runHead is not null)
        {
            AppendRun(runHead, runTail!);
        }

        pending += linked;
        counter.PendingTimeouts += linked;
        counter.PeakTimeouts = Math.Max(counter.PeakTimeouts, counter.PendingTimeouts);
        if (earliest < armedTick)
        {
            armSequence = PlanTimer(earliest);
            armTick = earliest;
        }

        return entry;
    }

    /// <summary>
    /// Cancels a staged entry: by its state alone, which its handler's thread (no gate) and any other thread (under the
    /// gate, so not during the handover) may both try at once. True when this call stopped it.
    /// </summary>
    private static bool CancelStaged(TimerEntry entry, int version) =>
        Interlocked.CompareExchange(ref entry.TimerState, version | TimerEntry.Cancelled, version | TimerEntry.Pending) == (version | TimerEntry.Pending);
}
