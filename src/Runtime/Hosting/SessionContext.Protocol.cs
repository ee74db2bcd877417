namespace SessionGen.Infrastructure;

// Jolie's protocol states: a message the current state does not accept is held, in order, until a state accepts it,
// no reachable state can, or it waited past the process's hold limit.
public sealed partial class SessionContext
{
    private bool InFinalState => Protocol is { } protocol && (protocol.FinalStates & SessionProtocol.Bit(state)) != 0;

    /// <summary>
    /// Takes the first item the current state accepts; the others stay held in order. Held items that no
    /// reachable state accepts, or that waited past the hold limit, are answered with
    /// <see cref="MessageNotAcceptedException"/>. A wake-up is set for the oldest held item's hold limit.
    /// </summary>
    private bool TryDequeueUnderProtocol(out MailboxEntry entry)
    {
        SessionExtras rare = Extras;
        rare.OldestHeld = long.MaxValue;

        // The hold limit is judged against one reading of the clock, taken before the gate: the gate never calls out.
        // A held item posted before this timestamp has waited longer than the limit.
        rare.HeldSince = Definition.Settings.HoldLimit is { } holdLimit
            ? Host.TimeProvider.GetTimestamp() - (long)(holdLimit.TotalSeconds * Host.TimeProvider.TimestampFrequency)
            : long.MinValue;
        List<MailboxEntry>? refused = null;
        bool found;
        using (MailboxGate.Hold())
        {
            found = mailbox.TryDequeue(Capacity, SessionProtocol.Bit(state), rare.RefuseHeld ??= RefuseHeld, ref refused, out entry);
        }

        foreach (MailboxEntry gone in refused ?? [])
        {
            gone.Reject(this, NotAccepted(gone), DeadLetterReason.NotAccepted);
        }

        if (rare.OldestHeld != long.MaxValue && Definition.Settings.HoldLimit is { } limit && !rare.HeldWakeUpScheduled)
        {
            rare.HeldWakeUpScheduled = true;
            TimeSpan wait = limit - Host.TimeProvider.GetElapsedTime(rare.OldestHeld);
            Host.Timers.Schedule(this, wait + TimeSpan.FromTicks(1), (Action)HeldMessagesWakeUp);
        }

        return found;
    }

    // Runs on the turn, so the next dequeue re-examines the held messages against the hold limit.
    private void HeldMessagesWakeUp() => Extras.HeldWakeUpScheduled = false;

    /// <summary>Called under the mailbox gate for each held entry; true to refuse it now. Reads no clock: see <see cref="TryDequeueUnderProtocol"/>.</summary>
    private bool RefuseHeld(MailboxEntry item)
    {
        if ((item.AcceptedStates & Protocol!.ReachableFrom(state)) == 0)
        {
            return true;
        }

        if (Definition.Settings.HoldLimit is not null && item.PostedAt != 0)
        {
            SessionExtras rare = extras!;
            if (item.PostedAt < rare.HeldSince)
            {
                return true;
            }

            rare.OldestHeld = Math.Min(rare.OldestHeld, item.PostedAt);
        }

        return false;
    }

    private MessageNotAcceptedException NotAccepted(MailboxEntry item)
    {
        SessionProtocol protocol = Protocol!;
        string stateName = protocol.States[state];
        string reason = (item.AcceptedStates & protocol.ReachableFrom(state)) == 0
            ? "no state it can still reach accepts it"
            : $"it waited longer than the hold limit of {Definition.Settings.HoldLimit!.Value.TotalMilliseconds} ms";
        return new MessageNotAcceptedException(Id, item.Name, stateName, reason);
    }
}
