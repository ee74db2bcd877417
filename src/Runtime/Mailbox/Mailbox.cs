namespace SessionGen;

/// <summary>
/// A session's queue: many producers, one consumer (the session's turn). The "scheduled" flag lives
/// under the same lock as the queue, so exactly one producer schedules an idle session and the consumer
/// clears it only when it finds the queue empty: no lost wake-ups, no double scheduling.
/// </summary>
internal sealed class Mailbox
{
    private MailboxItem? head;
    private MailboxItem? tail;
    private int count;
    private bool scheduled;
    private bool closed;

    /// <summary>Items waiting, not counting the one running.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Appends <paramref name="item"/>; false when the mailbox is closed.</summary>
    /// <param name="item">The item to append.</param>
    /// <param name="mustSchedule">True when the caller must schedule the session's turn.</param>
    public bool TryEnqueue(MailboxItem item, out bool mustSchedule)
    {
        lock (this)
        {
            mustSchedule = false;
            if (closed)
            {
                return false;
            }

            item.Next = null;
            item.Previous = tail;
            item.IsQueued = true;
            if (tail is null)
            {
                head = item;
            }
            else
            {
                tail.Next = item;
            }

            tail = item;
            count++;
            if (!scheduled)
            {
                scheduled = true;
                mustSchedule = true;
            }

            return true;
        }
    }

    /// <summary>Takes the first item, or returns null and marks the session idle.</summary>
    public MailboxItem? TryDequeue()
    {
        lock (this)
        {
            MailboxItem? item = head;
            if (item is null)
            {
                scheduled = false;
                return null;
            }

            Unlink(item);
            return item;
        }
    }

    /// <summary>Removes an item that has not started yet; false when it already left the queue.</summary>
    public bool TryRemove(MailboxItem item)
    {
        lock (this)
        {
            if (!item.IsQueued)
            {
                return false;
            }

            Unlink(item);
            return true;
        }
    }

    /// <summary>Closes the mailbox for good and hands back what was still queued, in order.</summary>
    public List<MailboxItem> Close()
    {
        lock (this)
        {
            closed = true;
            var rest = new List<MailboxItem>(count);
            while (head is not null)
            {
                MailboxItem item = head;
                Unlink(item);
                rest.Add(item);
            }

            return rest;
        }
    }

    private void Unlink(MailboxItem item)
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
        item.IsQueued = false;
        count--;
    }
}
