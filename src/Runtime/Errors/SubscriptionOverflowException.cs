namespace SessionGen;

/// <summary>
/// A subscription fell <see cref="Capacity"/> events behind its session (<see cref="SessionHostOptions.SubscriptionCapacity"/>),
/// so the session stopped delivering to it rather than buffer without bound. The reader receives every event up to
/// <see cref="LastDeliveredSequence"/> first, then this exception; the subscription is then over. Nothing is lost if
/// the reader resumes with <see cref="SessionHost.Subscribe(SessionId, string?, long, out long)"/> from
/// <see cref="LastDeliveredSequence"/> while the session still retains the later events
/// (<see cref="SessionHostOptions.EventReplayCapacity"/>).
/// </summary>
public sealed class SubscriptionOverflowException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SubscriptionOverflowException(SessionId sessionId, string? participant, int capacity, long lastDeliveredSequence)
        : base(sessionId, $"The subscription to session '{sessionId}'{(participant is null ? "" : $" for participant '{participant}'")} "
            + $"had {capacity} unread events (SessionHostOptions.SubscriptionCapacity) and was ended; it received every event up to #{lastDeliveredSequence}. "
            + $"Read faster or raise the capacity, and resume with host.Subscribe(sessionId, participant, afterSequence: {lastDeliveredSequence}, out long missedEvents), "
            + "which replays the later events the session still retains (SessionHostOptions.EventReplayCapacity).")
    {
        Participant = participant;
        Capacity = capacity;
        LastDeliveredSequence = lastDeliveredSequence;
    }

    /// <summary>The participant the subscription was opened for, or <see langword="null"/>.</summary>
    public string? Participant { get; }

    /// <summary>How many unread events the subscription could hold.</summary>
    public int Capacity { get; }

    /// <summary>
    /// The sequence number of the last event the subscription delivered: the one to resume after
    /// (an SSE client's <c>Last-Event-ID</c>).
    /// </summary>
    public long LastDeliveredSequence { get; }
}
