using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Who is subscribed to a session whose process has an <see cref="OnParticipantLeftAttribute"/> handler: each
/// participant's open subscriptions, and the departure armed when the last of them closes. The departure is a timeout on
/// the session's turn, after <see cref="SessionHostOptions.ParticipantLeftGrace"/>; a subscription opened for the
/// participant meanwhile withdraws it (and cancels its timeout), so a reconnect within the grace is not a departure.
/// </summary>
/// <remarks>
/// Opening and closing subscriptions take this object's lock, never the session's turn: the handler's turn decides
/// under the same lock whether its departure still stands. Nothing else runs under the lock (the timer wheel is called
/// outside it), and messages and events never touch it.
/// </remarks>
internal sealed class ParticipantPresence
{
    private static readonly TimeoutSpec DepartureSpec = new("OnParticipantLeft");

    private readonly SessionContext session;
    private readonly Dictionary<string, Participant> participants = new(StringComparer.Ordinal);

    public ParticipantPresence(SessionContext session) => this.session = session;

    /// <summary>A subscription for <paramref name="participant"/> has opened: a departure it had pending is withdrawn.</summary>
    public void Opened(string participant)
    {
        TimeoutHandle withdrawn = default;
        lock (participants)
        {
            if (!participants.TryGetValue(participant, out Participant? entry))
            {
                participants[participant] = entry = new Participant();
            }

            entry.Open++;
            if (entry.Pending is { } pending)
            {
                entry.Pending = null;
                withdrawn = pending.Handle;
            }
        }

        withdrawn.Cancel();
    }

    /// <summary>A subscription for <paramref name="participant"/> has closed: if it was the last, its departure is armed.</summary>
    public void Closed(string participant)
    {
        Departure departure;
        Participant entry;
        lock (participants)
        {
            if (!participants.TryGetValue(participant, out entry!) || --entry.Open > 0)
            {
                return;
            }

            departure = entry.Pending = new Departure(this, participant);
        }

        TimeoutHandle handle = session.Host.Timers.Schedule(session, session.Host.ParticipantLeftGrace, departure.RunAsync, DepartureSpec);
        bool withdrawn;
        lock (participants)
        {
            departure.Handle = handle;
            withdrawn = entry.Pending != departure;
        }

        if (withdrawn)
        {
            // Reopened while the timeout was being scheduled: the reopening could not cancel what it did not see yet.
            handle.Cancel();
        }
    }

    /// <summary>On the session's turn: true (and forgets the participant) when <paramref name="departure"/> still stands.</summary>
    private bool HasLeft(Departure departure)
    {
        lock (participants)
        {
            if (participants.TryGetValue(departure.Participant, out Participant? entry) && entry.Pending == departure && entry.Open == 0)
            {
                participants.Remove(departure.Participant);
                return true;
            }

            return false;
        }
    }

    private sealed class Participant
    {
        /// <summary>How many of its subscriptions are open.</summary>
        public int Open;

        /// <summary>The departure armed when the last one closed, until it runs or a new subscription withdraws it.</summary>
        public Departure? Pending;
    }

    /// <summary>One armed departure: the timeout's callback, and whether it still stands when it runs.</summary>
    internal sealed class Departure(ParticipantPresence presence, string participant)
    {
        public string Participant { get; } = participant;

        /// <summary>Its timeout, once scheduled (read and written under the presence's lock).</summary>
        public TimeoutHandle Handle { get; set; }

        public ValueTask RunAsync() =>
            presence.HasLeft(this)
                ? presence.session.Definition.RunParticipantLeftHandlerAsync(presence.session.Process, Participant)
                : default;
    }
}
