namespace SessionGen;

/// <summary>
/// One running session as <see cref="SessionHost.InspectSessions"/> or <see cref="SessionHost.InspectSession"/> saw it:
/// a picture for tools such as the SessionGen dashboard, never the session's data or its messages.
/// </summary>
public sealed class SessionSnapshot
{
    internal SessionSnapshot(SessionId id, string process, string? state, int queueLength, int pendingTimeouts, int subscribers)
    {
        Id = id;
        Process = process;
        State = state;
        QueueLength = queueLength;
        PendingTimeouts = pendingTimeouts;
        Subscribers = subscribers;
    }

    /// <summary>The session's id.</summary>
    public SessionId Id { get; }

    /// <summary>The protocol name of the session's process.</summary>
    public string Process { get; }

    /// <summary>The session's protocol state, or null when its process declares no states.</summary>
    public string? State { get; }

    /// <summary>How many messages (and due timeouts) wait in its queue, held ones included.</summary>
    public int QueueLength { get; }

    /// <summary>How many of its own timeouts (<c>Schedule{Name}</c>, <c>After</c>) are scheduled and not yet due; not the runtime's idle watch.</summary>
    public int PendingTimeouts { get; }

    /// <summary>How many subscriptions it delivers its events to.</summary>
    public int Subscribers { get; }
}
