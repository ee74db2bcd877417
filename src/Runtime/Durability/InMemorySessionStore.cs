using System.Runtime.CompilerServices;

namespace SessionGen;

/// <summary>
/// An <see cref="ISessionStore"/> that keeps records in this object, so they outlive the hosts that use it (a test
/// stops one host and starts another over the same store). Not durable across processes.
/// </summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly Dictionary<(string Process, SessionId Id), SessionRecord> records = new();
    private readonly Dictionary<(string Process, CorrelationKey Key), SessionId> keys = new();

    /// <summary>The number of sessions stored, ended ones included.</summary>
    public int Count
    {
        get
        {
            lock (records)
            {
                return records.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        lock (records)
        {
            records.TryGetValue((record.Process, record.Id), out SessionRecord? stored);
            if (record.Version != (stored?.Version ?? 0) + 1)
            {
                return ValueTask.FromException(new SessionStoreConflictException(record.Process, record.Id, record.Version));
            }

            // Only the keys that still lead here: one that another session took since stays with it.
            foreach (CorrelationKey key in stored?.Keys ?? [])
            {
                if (keys.TryGetValue((record.Process, key), out SessionId holder) && holder == record.Id)
                {
                    keys.Remove((record.Process, key));
                }
            }

            if (!record.Ended)
            {
                foreach (CorrelationKey key in record.Keys)
                {
                    keys[(record.Process, key)] = record.Id;
                }
            }

            // A copy: the caller may reuse the buffer behind Data once the write has completed.
            records[(record.Process, record.Id)] = record with { Data = record.Data.ToArray() };
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SessionRecord?>(cancellationToken);
        }

        lock (records)
        {
            return new(records.GetValueOrDefault((process, id)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SessionId?>(cancellationToken);
        }

        lock (records)
        {
            return new(keys.TryGetValue((process, key), out SessionId id) ? id : null);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SessionWakeUp> ReadWakeUpsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<SessionWakeUp> wakeUps;
        lock (records)
        {
            wakeUps = records.Values
                .Where(static record => record is { Ended: false, WakeUpAt: not null })
                .Select(static record => new SessionWakeUp(record.Process, record.Id, record.WakeUpAt!.Value))
                .ToList();
        }

        foreach (SessionWakeUp wakeUp in wakeUps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return wakeUp;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
