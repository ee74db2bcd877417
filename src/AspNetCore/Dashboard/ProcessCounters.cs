namespace SessionGen.AspNetCore.Dashboard;

/// <summary>What the <c>SessionGen</c> meter reported for one process since the dashboard was mapped.</summary>
internal sealed class ProcessCounters
{
    private long handled;
    private long faults;
    private long deadLetters;

    /// <summary>Messages (and timeouts) whose handler ran, whatever the outcome.</summary>
    public long Handled => Interlocked.Read(ref handled);

    /// <summary>Handlers that threw (outcome <c>faulted</c>).</summary>
    public long Faults => Interlocked.Read(ref faults);

    /// <summary>Accepted messages that were never handled.</summary>
    public long DeadLetters => Interlocked.Read(ref deadLetters);

    public void AddHandled(long count, bool faulted)
    {
        Interlocked.Add(ref handled, count);
        if (faulted)
        {
            Interlocked.Add(ref faults, count);
        }
    }

    public void AddDeadLetters(long count) => Interlocked.Add(ref deadLetters, count);
}
