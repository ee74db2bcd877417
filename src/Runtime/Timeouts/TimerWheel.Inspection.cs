using SessionGen.Infrastructure;

namespace SessionGen;

// Read-only counting for inspection tools (SessionHost.InspectSessions): one walk of the wheel for many sessions.
internal sealed partial class TimerWheel
{
    /// <summary>
    /// How many of their own timeouts (not the runtime's: idle watch, hold limits) each of <paramref name="sessions"/> has
    /// in the wheel: one walk under the gate, whose holders only read links.
    /// </summary>
    internal Dictionary<SessionContext, int> CountPending(IReadOnlySet<SessionContext> sessions)
    {
        var counts = new Dictionary<SessionContext, int>(sessions.Count);
        if (sessions.Count == 0)
        {
            return counts;
        }

        using (gate.Hold())
        {
            foreach (SlotHead slot in slots)
            {
                TimerEntry? head = slot.First;
                for (MailboxItem? item = head; item is not null; item = item.Next == head ? null : item.Next)
                {
                    var entry = (TimerEntry)item;
                    if (entry.Session is { } session && sessions.Contains(session) && !entry.IsRuntimeTimer && !IsReleased(entry))
                    {
                        counts[session] = counts.GetValueOrDefault(session) + 1;
                    }
                }
            }
        }

        return counts;
    }
}
