namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// Measures memory that stays reachable: <see cref="GC.GetTotalMemory(bool)"/> with a full, compacting
/// collection before and after an action, divided by the number of items the action left alive.
/// </summary>
public static class RetainedMemory
{
    /// <summary>Bytes that <paramref name="create"/> leaves reachable per item (it must keep them alive until <paramref name="release"/>).</summary>
    public static double PerItem<T>(int count, Func<int, T> create, Action<T> release)
    {
        long before = Settle();
        T alive = create(count);
        long after = Settle();
        GC.KeepAlive(alive);
        release(alive);
        return (after - before) / (double)count;
    }

    /// <summary>
    /// Bytes per object of a plain class holding only the user's fields (<see cref="UserFields"/>), measured the
    /// same way; what every library's figure is reduced by to leave its own overhead.
    /// </summary>
    public static double UserFieldsPerItem(int count)
    {
        var keep = new UserFields[count];
        return PerItem(
            count,
            n =>
            {
                for (int i = 0; i < n; i++)
                {
                    keep[i] = new UserFields();
                }

                return keep;
            },
            array => Array.Clear(array));
    }

    private static long Settle()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
