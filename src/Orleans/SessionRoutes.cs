using System.Collections.Concurrent;

namespace SessionGen.Orleans;

/// <summary>
/// What a <see cref="ClusterSessionHost"/> keeps per session it talks to: the session grain's reference (made once,
/// not per call: its key string and reference were a plain call's cost again) and, once it posts, its post counter.
/// Routes unused for <see cref="IdleLifetime"/> are dropped (looked for at most once per <see cref="IdleLifetime"/>,
/// when a new route is made), so a host that talks to many sessions over time keeps only the recent ones.
/// </summary>
internal sealed class SessionRoutes(IGrainFactory grains)
{
    /// <summary>
    /// How long a route is kept unused. Longer than a silo's gap timeout (<see cref="SessionGenSiloOptions.PostGapTimeout"/>,
    /// 2 s by default) by far: when a counter is dropped, the grain has handed on everything of its sender, so the next
    /// counter (a new sender) cannot overtake it.
    /// </summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Process, SessionId Id), SessionRoute> routes = new();
    private long lastSweep = long.MinValue;

    /// <summary>The clock of idleness (tests replace it).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>How many routes are kept (tests).</summary>
    public int Count => routes.Count;

    /// <summary>The route to session <paramref name="id"/> of <paramref name="process"/>, marked used now.</summary>
    public SessionRoute Get(string process, SessionId id)
    {
        long now = Clock.GetTimestamp();
        if (!routes.TryGetValue((process, id), out SessionRoute? route))
        {
            // Made used now, so that a sweep (this one or another thread's) does not take it for idle.
            route = routes.GetOrAdd(
                (process, id),
                static (key, state) => new SessionRoute(state.grains.GetGrain<ISessionGrain>(SessionGrain.Key(key.Process, key.Id)), state.now),
                (grains, now));
            route.Touch(now);
            SweepIfDue(now);
            return route;
        }

        route.Touch(now);
        return route;
    }

    /// <summary>The route to the session, if one is kept (tests).</summary>
    public SessionRoute? Find(string process, SessionId id) => routes.TryGetValue((process, id), out SessionRoute? route) ? route : null;

    private void SweepIfDue(long now)
    {
        long last = Interlocked.Read(ref lastSweep);
        if (last != long.MinValue && Clock.GetElapsedTime(last, now) < IdleLifetime)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref lastSweep, now, last) != last)
        {
            return; // another thread sweeps
        }

        foreach (KeyValuePair<(string Process, SessionId Id), SessionRoute> entry in routes)
        {
            if (entry.Value.TryRetire(Clock, now, IdleLifetime))
            {
                routes.TryRemove(entry);
            }
        }
    }
}

/// <summary>One session's grain reference and post counter, with when it was last used.</summary>
internal sealed class SessionRoute(ISessionGrain grain, long made)
{
    private long lastUsed = made;

    public ISessionGrain Grain { get; } = grain;

    /// <summary>This host's posts to the session; made by the first post. Read and written under the route's lock.</summary>
    public PostCounter? Posts { get; set; }

    /// <summary>Dropped from the routes: a post that found it must look its route up again (a new sender).</summary>
    public bool Retired { get; private set; }

    public void Touch(long now)
    {
        if (Volatile.Read(ref lastUsed) != now)
        {
            Volatile.Write(ref lastUsed, now);
        }
    }

    /// <summary>Retires the route when it has been unused for <paramref name="lifetime"/> and none of its posts is on its way.</summary>
    public bool TryRetire(TimeProvider clock, long now, TimeSpan lifetime)
    {
        lock (this)
        {
            if (clock.GetElapsedTime(Volatile.Read(ref lastUsed), now) < lifetime || Posts is { } posts && !posts.IsAllTaken())
            {
                return false;
            }

            Retired = true;
            return true;
        }
    }
}
