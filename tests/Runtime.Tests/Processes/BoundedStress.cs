using System.Collections.Concurrent;

namespace SessionGen.Runtime.Tests.Processes;

/// <summary>What a bounded-mailbox stress round sent, and what its sessions did with it.</summary>
public sealed class BoundedLedger
{
    private readonly ConcurrentDictionary<int, int> handled = new();
    private int mostQueued;

    private volatile bool stopping;

    public SessionHost? Host { get; set; }

    /// <summary>The host is about to stop: its drain marker (the runtime's own, outside the bound) may be queued from now on.</summary>
    public void Stopping() => stopping = true;

    public SessionId Session { get; set; }

    public int MostQueued => Volatile.Read(ref mostQueued);

    public IReadOnlyDictionary<int, int> Handled => handled;

    /// <summary>Message <paramref name="n"/> ran; also samples how many messages wait in the session's queue now.</summary>
    public void Ran(int n)
    {
        handled.AddOrUpdate(n, 1, static (_, times) => times + 1);
        if (Host is { } host)
        {
            int queued = host.GetQueueLength(Session);
            if (stopping)
            {
                return; // the count may include the drain marker
            }

            int seen;
            while (queued > (seen = Volatile.Read(ref mostQueued)) && Interlocked.CompareExchange(ref mostQueued, queued, seen) != seen)
            {
            }
        }
    }
}

/// <summary>One message of a stress round: its ledger and its number.</summary>
public sealed record BoundedTag(BoundedLedger Ledger, int N);

// Sync and awaiting one-way handlers (a run the turn took is put back when one awaits), requests, and an end.
[SessionProcess(MailboxCapacity = 1, MailboxFullMode = MailboxFullMode.Wait)]
public partial class BoundedStressWait1
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Note")]
    private void Note(BoundedTag tag) => tag.Ledger.Ran(tag.N);

    [On("Slow")]
    private async Task Slow(BoundedTag tag)
    {
        await Task.Yield();
        tag.Ledger.Ran(tag.N);
    }

    [On("Ask")]
    private int Ask(BoundedTag tag)
    {
        tag.Ledger.Ran(tag.N);
        return tag.N;
    }

    [On("Stop")]
    private void Stop() => EndSession();
}

[SessionProcess(MailboxCapacity = 3, MailboxFullMode = MailboxFullMode.Wait)]
public partial class BoundedStressWait3
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Note")]
    private void Note(BoundedTag tag) => tag.Ledger.Ran(tag.N);

    [On("Slow")]
    private async Task Slow(BoundedTag tag)
    {
        await Task.Yield();
        tag.Ledger.Ran(tag.N);
    }

    [On("Ask")]
    private int Ask(BoundedTag tag)
    {
        tag.Ledger.Ran(tag.N);
        return tag.N;
    }

    [On("Stop")]
    private void Stop() => EndSession();
}

[SessionProcess(MailboxCapacity = 2, MailboxFullMode = MailboxFullMode.FailFast)]
public partial class BoundedStressRefuse2
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Note")]
    private void Note(BoundedTag tag) => tag.Ledger.Ran(tag.N);

    [On("Slow")]
    private async Task Slow(BoundedTag tag)
    {
        await Task.Yield();
        tag.Ledger.Ran(tag.N);
    }

    [On("Ask")]
    private int Ask(BoundedTag tag)
    {
        tag.Ledger.Ran(tag.N);
        return tag.N;
    }

    [On("Stop")]
    private void Stop() => EndSession();
}

[SessionProcess(MailboxCapacity = 4, MailboxFullMode = MailboxFullMode.FailFast)]
public partial class BoundedStressRefuse4
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Note")]
    private void Note(BoundedTag tag) => tag.Ledger.Ran(tag.N);

    [On("Slow")]
    private async Task Slow(BoundedTag tag)
    {
        await Task.Yield();
        tag.Ledger.Ran(tag.N);
    }

    [On("Ask")]
    private int Ask(BoundedTag tag)
    {
        tag.Ledger.Ran(tag.N);
        return tag.N;
    }

    [On("Stop")]
    private void Stop() => EndSession();
}
