using System.Collections.Concurrent;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>The host's map from correlation keys to the sessions they identify.</summary>
internal sealed class CorrelationIndex
{
    private readonly ConcurrentDictionary<CorrelationKey, SessionContext> sessions = new();

    public SessionContext? Find(IReadOnlyList<CorrelationKey> keys)
    {
        foreach (CorrelationKey key in keys)
        {
            if (sessions.TryGetValue(key, out SessionContext? session))
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>Gives <paramref name="keys"/> to <paramref name="session"/>; all or nothing, false when one already belongs to another session.</summary>
    public bool TryAdd(SessionContext session, IReadOnlyList<CorrelationKey> keys)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            if (!TryClaim(session, keys[i]))
            {
                for (int added = 0; added < i; added++)
                {
                    sessions.TryRemove(new KeyValuePair<CorrelationKey, SessionContext>(keys[added], session));
                }

                return false;
            }
        }

        return true;
    }

    // The key's holder may let it go between a failed add and the look-up that says who holds it: then try again.
    private bool TryClaim(SessionContext session, CorrelationKey key)
    {
        while (true)
        {
            if (sessions.TryAdd(key, session))
            {
                return true;
            }

            if (sessions.TryGetValue(key, out SessionContext? holder))
            {
                return ReferenceEquals(holder, session);
            }
        }
    }

    public void Remove(SessionContext session, IEnumerable<CorrelationKey> keys)
    {
        foreach (CorrelationKey key in keys)
        {
            sessions.TryRemove(new KeyValuePair<CorrelationKey, SessionContext>(key, session));
        }
    }
}
