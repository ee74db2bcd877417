namespace SessionGen;

/// <summary>
/// The hosts of this process that have not finished stopping, for the observed instruments (active sessions,
/// queue length). Weak references: a host nobody disposed still goes away with its last user.
/// </summary>
internal static class LiveHosts
{
    private static readonly List<WeakReference<SessionHost>> Hosts = [];
    private static int pruneAt = 64;

    public static void Register(SessionHost host)
    {
        lock (Hosts)
        {
            // Without a collector nobody takes snapshots, so a process that makes many hosts prunes here.
            if (Hosts.Count >= pruneAt)
            {
                Hosts.RemoveAll(static reference => !reference.TryGetTarget(out SessionHost? old) || (old.IsStopping && old.SessionCount == 0));
                pruneAt = Math.Max(64, Hosts.Count * 2);
            }

            Hosts.Add(new WeakReference<SessionHost>(host));
        }
    }

    /// <summary>The live hosts; forgets those collected or stopped with no session left.</summary>
    public static List<SessionHost> Snapshot()
    {
        var live = new List<SessionHost>();
        lock (Hosts)
        {
            Hosts.RemoveAll(reference =>
            {
                if (!reference.TryGetTarget(out SessionHost? host) || (host.IsStopping && host.SessionCount == 0))
                {
                    return true;
                }

                live.Add(host);
                return false;
            });
        }

        return live;
    }
}
