using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace SessionGen;

/// <summary>
/// The wheel's slots: circular doubly linked lists of entries (the head's Previous is the tail, so appends keep
/// scheduling order), and a bitmap of the slots that hold any, so finding the next occupied slot or sweeping every
/// occupied one reads 64 words instead of 4,096 slots. All of it is guarded by the gate.
/// </summary>
internal sealed partial class TimerWheel
{
    private const int BitmapWords = SlotCount / 64;

    // Heads held in a struct: storing into an array of a non-sealed class costs a covariance check per write (the
    // slow one, since entries are subclasses), and cancelling in scheduling order rewrites a head on every cancel.
    private readonly SlotHead[] slots = new SlotHead[SlotCount];
    private readonly ulong[] occupied = new ulong[BitmapWords];

    /// <summary>Walks every slot and counts the entries linked there; for tests only.</summary>
    internal int CountLinkedEntries()
    {
        using (gate.Hold())
        {
            int count = 0;
            foreach (SlotHead slot in slots)
            {
                TimerEntry? head = slot.First;
                for (MailboxItem? entry = head; entry is not null; entry = entry.Next == head ? null : entry.Next)
                {
                    count++;
                }
            }

            return count;
        }
    }

    private static int SlotOf(long tick) => (int)(tick & SlotMask);

    private void Append(TimerEntry entry) => AppendRun(entry, entry); // a run of one: linked to itself when the slot is empty

    /// <summary>
    /// Appends the run of entries from <paramref name="first"/> to <paramref name="last"/>, all due on the same tick,
    /// already linked forward and backward among themselves (each one's <c>Next</c> and, but the first's, <c>Previous</c>).
    /// </summary>
    private void AppendRun(TimerEntry first, TimerEntry last)
    {
        int slot = SlotOf(last.DueTick);
        TimerEntry? head = slots[slot].First;
        if (head is null)
        {
            last.Next = first;
            first.Previous = last;
            slots[slot].First = first;
            occupied[slot >> 6] |= 1UL << (slot & 63);
            return;
        }

        MailboxItem tail = head.Previous!;
        tail.Next = first;
        first.Previous = tail;
        last.Next = head;
        head.Previous = last;
    }

    private void Unlink(TimerEntry entry)
    {
        int slot = SlotOf(entry.DueTick);
        if (entry.Next == entry)
        {
            slots[slot].First = null;
            occupied[slot >> 6] &= ~(1UL << (slot & 63));
        }
        else
        {
            entry.Previous!.Next = entry.Next;
            entry.Next!.Previous = entry.Previous;
            if (slots[slot].First == entry)
            {
                slots[slot].First = (TimerEntry)entry.Next;
            }
        }

        entry.Next = null;
        entry.Previous = null;
    }

    /// <summary>
    /// Empties <paramref name="slot"/> and returns its former entries in order, for the caller to take or put back
    /// (<see cref="Append"/> re-forms the slot in the same order). Walking the detached list is safe while appending:
    /// each entry's successor is read before the entry is relinked.
    /// </summary>
    private DetachedSlot Detach(int slot)
    {
        TimerEntry? head = slots[slot].First;
        slots[slot].First = null;
        occupied[slot >> 6] &= ~(1UL << (slot & 63));
        return new DetachedSlot(head);
    }

    /// <summary>The first tick after the processed one whose slot holds an entry (due then or a turn later), if any.</summary>
    private long NextOccupiedTick()
    {
        int start = SlotOf(processedTick + 1);
        int word = start >> 6;
        ulong bits = occupied[word] & (ulong.MaxValue << (start & 63));

        // One word more than the bitmap: the last look is at the start word's slots before the start.
        for (int looked = 0; looked <= BitmapWords; looked++)
        {
            if (bits != 0)
            {
                int slot = (word << 6) | BitOperations.TrailingZeroCount(bits);
                return processedTick + 1 + ((slot - start) & SlotMask);
            }

            word = (word + 1) % BitmapWords;
            bits = occupied[word];
        }

        return long.MaxValue;
    }

    private void ClearSlots()
    {
        Array.Clear(slots);
        Array.Clear(occupied);
    }

    /// <summary>A slot's former entries, taken one by one.</summary>
    private struct DetachedSlot
    {
        private readonly TimerEntry? head;
        private TimerEntry? next;

        public DetachedSlot(TimerEntry? head)
        {
            this.head = head;
            next = head;
        }

        /// <summary>The next former entry, unlinked; false when all were taken.</summary>
        public bool TryTake([NotNullWhen(true)] out TimerEntry? entry)
        {
            entry = next;
            if (entry is null)
            {
                return false;
            }

            MailboxItem successor = entry.Next!;
            next = successor == head ? null : (TimerEntry)successor;
            entry.Next = null;
            entry.Previous = null;
            return true;
        }
    }

    /// <summary>The first entry of a slot's list (null when the slot is empty).</summary>
    private struct SlotHead
    {
        public TimerEntry? First;
    }
}
