using System.Threading.Channels;

namespace SessionGen;

/// <summary>
/// The host's dead letters from the moment the subscription was opened. It buffers up to its capacity and
/// counts what it had to drop (<see cref="Dropped"/>) rather than grow without bound; every dead letter's
/// sender was answered with an exception in any case.
/// </summary>
public sealed class DeadLetterSubscription : IAsyncEnumerable<DeadLetter>, IAsyncDisposable
{
    private readonly Channel<DeadLetter> buffer;
    private readonly DeadLetterOffice office;
    private long dropped;
    private volatile bool completed;

    internal DeadLetterSubscription(DeadLetterOffice office, int capacity)
    {
        this.office = office;
        buffer = Channel.CreateBounded<DeadLetter>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails, and we count the drop
            SingleReader = true,
        });
    }

    /// <summary>Dead letters that arrived while the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Returns the next buffered dead letter without waiting, if there is one.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out DeadLetter deadLetter) =>
        buffer.Reader.TryRead(out deadLetter);

    /// <inheritdoc/>
    public IAsyncEnumerator<DeadLetter> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        buffer.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Stops receiving; what is buffered stays readable.</summary>
    public ValueTask DisposeAsync()
    {
        office.Remove(this);
        Complete();
        return ValueTask.CompletedTask;
    }

    internal void Deliver(DeadLetter deadLetter)
    {
        // A letter that comes as the subscription completes (the office's list was read just before) is late, not dropped:
        // Dropped counts only letters that found the buffer full.
        if (!buffer.Writer.TryWrite(deadLetter) && !completed)
        {
            Interlocked.Increment(ref dropped);
        }
    }

    internal void Complete()
    {
        completed = true;
        buffer.Writer.TryComplete();
    }
}
