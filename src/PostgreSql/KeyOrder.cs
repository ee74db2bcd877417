namespace SessionGen;

/// <summary>
/// The order in which a batch takes the rows of the keys table. Two stores (or processes) whose batches update the same
/// key rows in opposite orders deadlock, and PostgreSQL aborts one of them after <c>deadlock_timeout</c>; under load the
/// retries can deadlock again until the batch fails. Applying a batch's records in the order of their smallest key (by
/// key set, then value, ordinal) makes batches of records that hold one key each take those rows in one global order.
/// A record's own keys are taken in the order it lists them (the order it is stored and read back in), so records with
/// several keys can still deadlock; the batch is then tried again (<see cref="BatchWriter"/>).
/// </summary>
internal static class KeyOrder
{
    /// <summary>
    /// The indices of <paramref name="batch"/> in the order to apply them: by each record's smallest key, then as
    /// queued. Left as queued when a key appears in two records of the batch: the last of them to be applied owns the
    /// key, so their order is the callers' and must not change.
    /// </summary>
    public static int[] Of(List<PendingWrite> batch)
    {
        var order = new int[batch.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (batch.Count < 2 || KeyInTwoRecords(batch))
        {
            return order;
        }

        var smallest = new CorrelationKey?[batch.Count];
        for (int i = 0; i < smallest.Length; i++)
        {
            smallest[i] = Smallest(batch[i].Record.Keys);
        }

        Array.Sort(order, (a, b) =>
        {
            int byKey = (smallest[a], smallest[b]) switch
            {
                (null, null) => 0,
                (null, _) => -1, // records without keys lock no key row: first
                (_, null) => 1,
                ({ } x, { } y) => Compare(x.Set, x.Value, y.Set, y.Value),
            };
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        return order;
    }

    private static int Compare(string? set1, string? value1, string? set2, string? value2)
    {
        int bySet = string.CompareOrdinal(set1 ?? "", set2 ?? "");
        return bySet != 0 ? bySet : string.CompareOrdinal(value1 ?? "", value2 ?? "");
    }

    private static CorrelationKey? Smallest(IReadOnlyList<CorrelationKey> keys)
    {
        CorrelationKey? smallest = null;
        foreach (CorrelationKey key in keys)
        {
            if (smallest is not { } s || Compare(key.Set, key.Value, s.Set, s.Value) < 0)
            {
                smallest = key;
            }
        }

        return smallest;
    }

    private static bool KeyInTwoRecords(List<PendingWrite> batch)
    {
        var seen = new HashSet<(string, string)>();
        foreach (PendingWrite write in batch)
        {
            var mine = new HashSet<(string, string)>();
            foreach (CorrelationKey key in write.Record.Keys)
            {
                (string, string) pair = (key.Set ?? "", key.Value ?? "");
                if (mine.Add(pair) && !seen.Add(pair))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
