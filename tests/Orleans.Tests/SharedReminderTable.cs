namespace SessionGen.Orleans.Tests;

/// <summary>
/// An IReminderTable kept in one object for the whole test process, so that it survives a silo kill (Orleans'
/// in-memory reminder table lives in a grain that dies with its silo). From the prototype (proto/orleans).
/// </summary>
public sealed class SharedReminderTable : IReminderTable
{
    private readonly Lock gate = new();
    private readonly Dictionary<(GrainId, string), ReminderEntry> rows = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return rows.Count;
            }
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Read(entry => entry.GrainId == grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // Ring range (begin, end]; begin >= end wraps around (begin == end is the whole ring).
        bool InRange(uint hash) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
        return Read(entry => InRange(entry.GrainId.GetUniformHashCode()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (gate)
        {
            return Task.FromResult(rows.TryGetValue((grainId, reminderName), out ReminderEntry? entry) ? Copy(entry) : null);
        }
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        lock (gate)
        {
            ReminderEntry row = Copy(entry);
            row.ETag = Guid.NewGuid().ToString("N");
            rows[(entry.GrainId, entry.ReminderName)] = row;
            return Task.FromResult<string?>(row.ETag);
        }
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (gate)
        {
            return Task.FromResult(rows.TryGetValue((grainId, reminderName), out ReminderEntry? entry)
                && entry.ETag == eTag && rows.Remove((grainId, reminderName)));
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (gate)
        {
            rows.Clear();
        }

        return Task.CompletedTask;
    }

    private static ReminderEntry Copy(ReminderEntry entry) => new()
    {
        GrainId = entry.GrainId,
        ReminderName = entry.ReminderName,
        StartAt = entry.StartAt,
        Period = entry.Period,
        ETag = entry.ETag,
    };

    private Task<ReminderTableData> Read(Func<ReminderEntry, bool> which)
    {
        lock (gate)
        {
            return Task.FromResult(new ReminderTableData([.. rows.Values.Where(which).Select(Copy)]));
        }
    }
}
