using System.Numerics;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Letting go of an ended session's timeouts, so they neither count as pending nor keep the session in memory until
/// they would have come due.
/// </summary>
/// <remarks>
/// Each session counts its entries in the wheel (<see cref="SessionExtras.PendingTimeouts"/>, changed under the gate),
/// so when it ends they stop counting as pending at once. They are unlinked later, all together, by one sweep once the
/// released entries still linked are at least as many as the pending ones (half of what the wheel holds): a sweep then
/// costs at most twice the entries it frees, plus 64 bitmap words, and no entry grows a field (a pending timeout stays
/// 64 B). Until then an ended session is kept only while the wheel holds more live timeouts than released ones.
/// </remarks>
internal sealed partial class TimerWheel
{
    /// <summary>A session's <see cref="SessionExtras.PendingTimeouts"/> once it has ended and the wheel released its entries.</summary>
    internal const int Released = -1;

    // Entries still linked whose session's timeouts were released.
    private int released;
    private bool sweeping;

    /// <summary>
    /// Called once a session has ended (<see cref="SessionContext.IsEnded"/> set), with its extras if it has any: its
    /// timeouts stop counting as pending and will never run; the next sweep unlinks them.
    /// </summary>
    /// <param name="extras">The session's extras; null when it never scheduled a timeout (the counter lives there).</param>
    internal void Release(SessionExtras? extras)
    {
        if (extras is null)
        {
            return;
        }

        bool sweep;
        using (gate.Hold())
        {
            if (disposed)
            {
                return;
            }

            // Insert links nothing for an ended session, so this count is final.
            int count = extras.PendingTimeouts;
            extras.PendingTimeouts = Released;
            extras.FreeTimers = null; // its spare entries go with it
            extras.FreeCount = 0;
            pending -= count;
            released += count;
            sweep = count > 0 && released >= pending && !sweeping;
            sweeping |= sweep;
        }

        if (sweep)
        {
            Sweep();
        }
    }

    /// <summary>Under the gate: whether the entry's session has ended and the wheel released its timeouts.</summary>
    private static bool IsReleased(TimerEntry entry) => entry.Session is { } session && session.Extras.PendingTimeouts == Released;

    /// <summary>Under the gate: a released entry, just unlinked, is dropped; it never runs, and cancelling it says false.</summary>
    private void Drop(TimerEntry entry)
    {
        released--;
        entry.SetState(TimerEntry.Cancelled);
    }

    /// <summary>
    /// Unlinks every released entry, holding the gate for one bitmap word's slots (64) at a time. Reading a word outside
    /// the gate is safe: a released entry's slot stays marked occupied for as long as the entry is linked.
    /// </summary>
    private void Sweep()
    {
        do
        {
            for (int word = 0; word < BitmapWords; word++)
            {
                if (Volatile.Read(ref occupied[word]) == 0)
                {
                    continue;
                }

                using (gate.Hold())
                {
                    for (ulong bits = occupied[word]; bits != 0; bits &= bits - 1)
                    {
                        SweepSlot((word << 6) | BitOperations.TrailingZeroCount(bits));
                    }
                }
            }
        }
        while (!TryFinishSweep());
    }

    private void SweepSlot(int slot)
    {
        DetachedSlot entries = Detach(slot);
        while (entries.TryTake(out TimerEntry? entry))
        {
            if (IsReleased(entry))
            {
                Drop(entry);
            }
            else
            {
                Append(entry);
            }
        }
    }

    // Sessions that ended during the sweep did not start one of their own: sweep again if they would have.
    private bool TryFinishSweep()
    {
        using (gate.Hold())
        {
            if (released > 0 && released >= pending && !disposed)
            {
                return false;
            }

            sweeping = false;
            return true;
        }
    }
}
