using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SessionGen;

/// <summary>
/// The storage of a session's queue: a ring of <see cref="MailboxEntry"/> slots in order of arrival. It starts as one
/// inline slot (an idle session or a request/response conversation never allocates an array), grows by doubling, and
/// lets an entry leave from the middle (a withdrawn or refused message) as an empty slot that the head skips later.
/// A value inside the <see cref="Mailbox"/>; it knows nothing of capacity, waiting senders or protocol states.
/// </summary>
internal struct EntryRing
{
    // A ring up to this length (24 KB: 24 B a slot) stays when the session goes idle, so steady one-way traffic allocates
    // nothing but its messages; a longer one, left by an unusual burst, is dropped so it does not pin memory.
    private const int RetainedLength = 1024;

    private MailboxEntry single;
    private MailboxEntry[]? slots;
    private int head;
    private int used;
    private int live;

    // The ring's length less one, kept beside the indices: a producer appending to a session it has not touched for a
    // while would otherwise load the array's header (its length) as well as the slot it writes, one more cache line
    // missed per message when many sessions take turns (issue 16: the hottest load of a one-way post).
    private int mask;

    /// <summary>Entries held (empty slots not counted).</summary>
    public readonly int Count => live;

    /// <summary>Slots from the head to the last entry, empty ones included: the range <see cref="At"/> walks.</summary>
    public readonly int Span => used;

    // Ring lengths are powers of two (the inline slot is a ring of one), so indices wrap with a mask.
    private readonly int Length => mask + 1;

    private readonly int Mask => mask;

    /// <summary>The slot <paramref name="offset"/> places after the head (it may be empty).</summary>
    [UnscopedRef]
    public ref MailboxEntry At(int offset) => ref Slot((head + offset) & Mask);

    /// <summary>Adds an entry at the tail.</summary>
    public void Append(in MailboxEntry entry)
    {
        if (used == Length)
        {
            Grow();
        }

        entry.Item?.Place = ItemPlace.Queued;
        Slot((head + used) & Mask) = entry;
        used++;
        live++;
    }

    /// <summary>Takes the entry <paramref name="offset"/> places after the head, leaving an empty slot; call <see cref="SkipEmptyHead"/> once done walking.</summary>
    public MailboxEntry TakeAt(int offset)
    {
        ref MailboxEntry slot = ref At(offset);
        MailboxEntry entry = slot;
        slot = default;
        live--;
        entry.Item?.Place = ItemPlace.None;
        return entry;
    }

    /// <summary>Takes the first entry; false when there is none.</summary>
    public bool TryTakeFirst(out MailboxEntry entry)
    {
        SkipEmptyHead();
        if (used == 0)
        {
            entry = default;
            return false;
        }

        entry = TakeAt(0);
        SkipEmptyHead();
        return true;
    }

    /// <summary>
    /// Takes the one-way entries at the head, in order, into <paramref name="into"/> until it is full or the head holds
    /// something else (an item, or the empty slot of a withdrawn one); returns how many. One pass with the indices in
    /// locals, written back once: the turn takes its runs this way under the mailbox's gate.
    /// </summary>
    public int TakeOneWayRun(Span<MailboxEntry> into)
    {
        int most = Math.Min(into.Length, used);
        if (most == 0)
        {
            return 0;
        }

        MailboxEntry[]? array = slots;
        if (array is null)
        {
            // The inline slot: a ring of one.
            if (single.OneWay is null)
            {
                return 0;
            }

            into[0] = single;
            single = default;
            used = live = 0;
            return 1;
        }

        Debug.Assert(mask == array.Length - 1);
        ref MailboxEntry first = ref MemoryMarshal.GetArrayDataReference(array);
        int at = head;
        int taken = 0;
        while (taken < most)
        {
            ref MailboxEntry slot = ref Unsafe.Add(ref first, at);
            if (slot.OneWay is null)
            {
                break;
            }

            into[taken++] = slot;
            slot = default;
            at = (at + 1) & mask;
        }

        head = at;
        used -= taken;
        live -= taken;
        return taken;
    }

    /// <summary>Puts <paramref name="entries"/> back in front of the head, in order.</summary>
    public void PushFront(ReadOnlySpan<MailboxEntry> entries)
    {
        for (int i = entries.Length - 1; i >= 0; i--)
        {
            if (used == Length)
            {
                Grow();
            }

            head = (head - 1) & Mask;
            Slot(head) = entries[i];
            used++;
            live++;
        }
    }

    /// <summary>Moves the head past the empty slots left by entries taken from the middle.</summary>
    public void SkipEmptyHead()
    {
        while (used > 0 && Slot(head).IsEmpty)
        {
            head = (head + 1) & Mask;
            used--;
        }
    }

    /// <summary>Drops a ring left large by a burst, when nothing is in it.</summary>
    public void TrimIfEmpty()
    {
        if (used == 0 && mask >= RetainedLength)
        {
            slots = null;
            head = 0;
            mask = 0;
        }
    }

    /// <summary>Empties the ring for good; returns its entries in order.</summary>
    public MailboxEntry[] Clear()
    {
        MailboxEntry[] rest = live == 0 ? [] : new MailboxEntry[live];
        int count = 0;
        for (int offset = 0; offset < used; offset++)
        {
            MailboxEntry entry = At(offset);
            if (!entry.IsEmpty)
            {
                entry.Item?.Place = ItemPlace.None;
                rest[count++] = entry;
            }
        }

        slots = null;
        single = default;
        head = used = live = mask = 0;
        return rest;
    }

    // The inline slot is a field of this struct, which lives inside the session object: returning a reference
    // to it is safe for as long as the session, hence [UnscopedRef].
    // Every index is masked by the ring's own length, so the array's bounds need no check (nor its header a load).
    // The array is read once into a local: read twice, the JIT cannot tell it is not null and probes its header anyway.
    [UnscopedRef]
    private ref MailboxEntry Slot(int index)
    {
        MailboxEntry[]? array = slots;
        Debug.Assert(array is null ? index == 0 && mask == 0 : mask == array.Length - 1 && (uint)index < (uint)array.Length);
        if (array is null)
        {
            return ref single;
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);
    }

    // Doubles the ring, leaving out the empty slots of withdrawn entries.
    private void Grow()
    {
        int length = 4;
        while (length < live * 2)
        {
            length <<= 1;
        }

        var larger = new MailboxEntry[length];
        int count = 0;
        for (int offset = 0; offset < used; offset++)
        {
            MailboxEntry entry = At(offset);
            if (!entry.IsEmpty)
            {
                larger[count++] = entry;
            }
        }

        slots = larger;
        mask = length - 1;
        single = default;
        head = 0;
        used = count;
    }
}
