namespace SessionGen;

/// <summary>A durable session's pending named timeout: its wheel entry and when it is due, on the host's clock.</summary>
internal readonly record struct DurableTimer(TimerEntry Entry, DateTimeOffset DueAt)
{
    /// <summary>Still to run: in the wheel, or due and waiting in the session's queue.</summary>
    public bool IsPending => Volatile.Read(ref Entry.TimerState) is TimerEntry.Pending or TimerEntry.Queued;
}
