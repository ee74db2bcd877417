namespace SessionGen;

/// <summary>
/// The senders waiting for room in a full bounded mailbox, in arrival order: an intrusive doubly linked list
/// of <see cref="MailboxItem"/>s (the items carry the links, so adding and removing, also from the middle for
/// cancellation, allocate nothing). Made only when someone first waits. Not thread-safe: the session locks.
/// </summary>
internal sealed class WaitingItems
{
    private MailboxItem? head;
    private MailboxItem? tail;

    public int Count { get; private set; }

    public MailboxItem? First => head;

    public void AddLast(MailboxItem item)
    {
        item.Next = null;
        item.Previous = tail;
        if (tail is null)
        {
            head = item;
        }
        else
        {
            tail.Next = item;
        }

        tail = item;
        Count++;
    }

    public void Remove(MailboxItem item)
    {
        if (item.Previous is null)
        {
            head = item.Next;
        }
        else
        {
            item.Previous.Next = item.Next;
        }

        if (item.Next is null)
        {
            tail = item.Previous;
        }
        else
        {
            item.Next.Previous = item.Previous;
        }

        item.Next = null;
        item.Previous = null;
        Count--;
    }

    /// <summary>Empties the list into <paramref name="items"/>, in order.</summary>
    public void DrainInto(List<MailboxItem> items)
    {
        while (head is not null)
        {
            MailboxItem item = head;
            Remove(item);
            items.Add(item);
        }
    }
}
