using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Reusing a session's cancelled entries for its next timeouts, so that scheduling and cancelling many timeouts
/// allocates nothing once a session has reached its usual number of them, and no pending entry is ever copied from one
/// GC generation to the next.
/// </summary>
/// <remarks>
/// <para>
/// An entry is reused only once nothing but handles refers to it: cancelled while linked in the wheel, under the gate,
/// just unlinked (not staged, not due: neither a handler's window, the wheel's due list nor a mailbox holds it), and of a
/// kind nothing else keeps (<see cref="TimerEntry.IsReusable"/>: not a durable timeout, which its session's records
/// hold, nor a clock timer). It then joins its session's spare entries (<see cref="SessionExtras.FreeTimers"/>, under the
/// gate); it keeps its session, so it never changes wheel.
/// </para>
/// <para>
/// A handle carries the version its entry had when it was made, and every cancel compares the entry's whole state word
/// (version and state) at once; a reused entry gets the next version before it is published again, so an old handle
/// never stops it (the version has 30 bits: an entry that reaches the last one is not reused again, so its versions never wrap).
/// </para>
/// <para>
/// A handler's window (<see cref="TimerStaging"/>) takes all of its session's spare entries under the gate once, the
/// first time it schedules, reuses them without any lock, and gives back the ones it did not use at its handover. A
/// session keeps at most as many spare entries as its highest number of pending timeouts
/// (<see cref="SessionExtras.PeakTimeouts"/>), and none once it has ended.
/// </para>
/// </remarks>
internal sealed partial class TimerWheel
{
    /// <summary>Under the gate: <paramref name="entry"/>, cancelled and unlinked just now, becomes a spare one of its session if it may.</summary>
    private static void Recycle(TimerEntry entry)
    {
        // Retired at its last version: reused once more, its version would wrap and match a handle of its first use.
        if (!entry.IsReusable || (entry.TimerState & ~TimerEntry.StateMask) == TimerEntry.LastVersion)
        {
            return;
        }

        SessionExtras extras = entry.Session!.Extras;
        if (extras.FreeCount >= extras.PeakTimeouts)
        {
            return;
        }

        entry.ForgetCall(); // a spare keeps nothing of its former use alive (a closure, a message's values)
        entry.Next = extras.FreeTimers;
        extras.FreeTimers = entry;
        extras.FreeCount++;
    }

    /// <summary>Takes all of <paramref name="session"/>'s spare entries, chained through their <c>Next</c>; null when it has none.</summary>
    internal TimerEntry? TakeFree(SessionContext session)
    {
        SessionExtras extras = session.Extras;
        if (Volatile.Read(ref extras.FreeTimers) is null)
        {
            return null;
        }

        using (gate.Hold())
        {
            TimerEntry? free = extras.FreeTimers;
            extras.FreeTimers = null;
            extras.FreeCount = 0;
            return free;
        }
    }

    /// <summary>Under the gate: gives back the spare entries a window did not use (dropped once the session has ended).</summary>
    private static void ReturnFree(SessionExtras extras, TimerEntry? free)
    {
        while (free is not null)
        {
            var next = (TimerEntry?)free.Next;
            if (extras.PendingTimeouts != Released && extras.FreeCount < extras.PeakTimeouts)
            {
                free.Next = extras.FreeTimers;
                extras.FreeTimers = free;
                extras.FreeCount++;
            }
            else
            {
                free.Next = null;
            }

            free = next;
        }
    }

    /// <summary>Stages a reused entry (its version already bumped) in its handler's window.</summary>
    private static TimeoutHandle StageReused(TimerEntry entry, TimeSpan delay)
    {
        Stage(entry, delay);
        return new TimeoutHandle(entry);
    }
}
