namespace SessionGen;

// Jolie's protocol states, on the queue: the turn takes the first entry the current state accepts and leaves the
// others held in order (Erlang's selective receive), refusing the held ones that can never or may no longer run.
internal partial struct Mailbox
{
    /// <summary>
    /// Takes the first entry accepted in the current protocol state (<paramref name="acceptedNow"/>), leaving the
    /// others held in order; entries <paramref name="refuse"/> picks are removed and added to
    /// <paramref name="refused"/>, for the caller to answer outside the lock. Returns false and marks the
    /// session idle when nothing can run now.
    /// </summary>
    public bool TryDequeue(int capacity, ulong acceptedNow, Func<MailboxEntry, bool> refuse, ref List<MailboxEntry>? refused, out MailboxEntry entry)
    {
        bool admitted;
        do
        {
            admitted = false;
            for (int offset = 0; offset < queue.Span; offset++)
            {
                MailboxEntry candidate = queue.At(offset);
                if (candidate.IsEmpty)
                {
                    continue;
                }

                if ((candidate.AcceptedStates & acceptedNow) != 0)
                {
                    entry = queue.TakeAt(offset);
                    queue.SkipEmptyHead();
                    AdmitWaiting(capacity);
                    return true;
                }

                if (refuse(candidate))
                {
                    (refused ??= []).Add(queue.TakeAt(offset));
                    if (waiting is { Count: > 0 } && queue.Count + taken < capacity)
                    {
                        // A refusal made room for a waiting sender, which may be accepted now; admitting may
                        // also reshape the ring, so the walk starts over.
                        AdmitWaiting(capacity);
                        admitted = true;
                        break;
                    }
                }
            }
        }
        while (admitted);

        queue.SkipEmptyHead();
        GoIdle();
        entry = default;
        return false;
    }
}
