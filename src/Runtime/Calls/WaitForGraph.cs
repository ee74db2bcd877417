using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Which session's running handler waits for which other session, so a wait that closes a cycle fails at once. The
/// call chain (<see cref="CallChain"/>) sees A → B → A along one call; this sees two calls that meet: A's handler
/// awaits B while B's handler, serving someone else, awaits A. Each session keeps one edge (its running handler's
/// latest awaited message), set when the handler actually awaits, cleared when that message is answered, and counted
/// only while the handler that set it still runs.
/// </summary>
internal static class WaitForGraph
{
    // A longer path is not followed: such a cycle is left to the callers' own timeouts.
    private const int MostHops = 64;

    /// <summary>
    /// Records that <paramref name="waiting"/>'s running handler now awaits a message to <paramref name="target"/>;
    /// returns the error when that closes a cycle of waits (the message could then never run), else null.
    /// </summary>
    public static CallCycleException? StartWaiting(SessionContext waiting, int run, SessionContext target, string operation)
    {
        // A full fence before the walk: of two handlers that start waiting for each other at once, one sees the other.
        SessionExtras rare = waiting.Extras;
        Volatile.Write(ref rare.WaitingRun, run);
        Interlocked.Exchange(ref rare.WaitingFor, target);
        var path = new List<SessionContext> { waiting, target };
        SessionContext current = target;
        for (int hop = 0; hop < MostHops; hop++)
        {
            SessionContext? next = current.WaitingFor;
            if (next is null || path.Contains(next) && !ReferenceEquals(next, waiting))
            {
                return null;
            }

            path.Add(next);
            if (ReferenceEquals(next, waiting))
            {
                return new CallCycleException(target.Id, operation, path.ConvertAll(session => session.Id));
            }

            current = next;
        }

        return null;
    }
}
