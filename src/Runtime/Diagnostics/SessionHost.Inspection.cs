using SessionGen.Infrastructure;

namespace SessionGen;

// Read-only pictures of what a host runs, for tools (SessionGen.AspNetCore's dashboard). Nothing here is on a message's
// path: each call walks the running sessions (and, for timeouts, the timer wheel once), so call it on demand, a few
// times a second at most, not per message.
public sealed partial class SessionHost
{
    /// <summary>
    /// The processes with sessions in memory on this host now, each with its session count and protocol, ordered by
    /// name. Durable sessions that left memory (passivated, or not reloaded since a restart) are not counted.
    /// </summary>
    public IReadOnlyList<ProcessSnapshot> InspectProcesses()
    {
        var counts = new Dictionary<SessionProcessDefinition, int>();
        foreach (SessionContext session in RunningSessions)
        {
            counts[session.Definition] = counts.GetValueOrDefault(session.Definition) + 1;
        }

        var processes = new List<ProcessSnapshot>(counts.Count);
        foreach ((SessionProcessDefinition definition, int sessions) in counts)
        {
            SessionProtocol? protocol = definition.Protocol;
            // A copy: the protocol's own array must not be reachable (and castable) from outside.
            processes.Add(new ProcessSnapshot(definition.ProtocolName, sessions, protocol?.States.ToArray() ?? [], protocol?.Diagram));
        }

        processes.Sort(static (left, right) => string.CompareOrdinal(left.Process, right.Process));
        return processes;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> of the sessions in memory on this host now (of process <paramref name="process"/>
    /// when given), ordered by id: their protocol state, queue length, pending timeouts and subscriber count.
    /// </summary>
    /// <param name="process">A process's protocol name, or null for every process.</param>
    /// <param name="limit">At most this many sessions.</param>
    public IReadOnlyList<SessionSnapshot> InspectSessions(string? process = null, int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        // Ordered by id so that a tool polling the list sees it stay put; each id's text is made once, not per comparison.
        var byId = new List<(string Id, SessionContext Session)>();
        foreach (SessionContext session in RunningSessions)
        {
            if (process is null || session.Definition.ProtocolName == process)
            {
                byId.Add((session.Id.Value, session));
            }
        }

        byId.Sort(static (left, right) => string.CompareOrdinal(left.Id, right.Id));
        var chosen = new HashSet<SessionContext>(Math.Min(limit, byId.Count));
        for (int i = 0; i < byId.Count && chosen.Count < limit; i++)
        {
            chosen.Add(byId[i].Session);
        }

        Dictionary<SessionContext, int> timeouts = Timers.CountPending(chosen);
        var snapshots = new List<SessionSnapshot>(chosen.Count);
        for (int i = 0; i < chosen.Count; i++)
        {
            snapshots.Add(Snapshot(byId[i].Session, timeouts.GetValueOrDefault(byId[i].Session)));
        }

        return snapshots;
    }

    /// <summary>Session <paramref name="id"/> as it is now, or null when it is not in memory on this host.</summary>
    public SessionSnapshot? InspectSession(SessionId id) =>
        registry.TryGet(id, out SessionContext? session) ? Snapshot(session!, Timers.CountPending(id)) : null;

    private static SessionSnapshot Snapshot(SessionContext session, int pendingTimeouts)
    {
        // Read from outside the session's turn: each number is current, the set of them is not one instant's.
        SessionProtocol? protocol = session.Definition.Protocol;
        int state = session.State;
        string? stateName = protocol is not null && state >= 0 && state < protocol.States.Count ? protocol.States[state] : null;
        return new SessionSnapshot(session.Id, session.Definition.ProtocolName, stateName, session.QueueLength, pendingTimeouts, session.SubscriptionCount);
    }
}
