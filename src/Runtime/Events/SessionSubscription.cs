using System.Threading.Channels;

namespace SessionGen;

/// <summary>
/// The events of one session from the moment the subscription was opened, in order. Enumerate it with
/// <c>await foreach</c>; it completes when the session ends (with <see cref="SessionFaultedException"/>
/// when a handler fault ended it). Dispose it to stop receiving.
/// </summary>
public sealed class SessionSubscription : IAsyncEnumerable<SessionEvent>, IAsyncDisposable
{
    private readonly Channel<SessionEvent> buffer = Channel.CreateUnbounded<SessionEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly SessionContext session;

    internal SessionSubscription(SessionContext session, string? participant)
    {
        this.session = session;
        Participant = participant;
    }

    /// <summary>The session this subscription listens to.</summary>
    public SessionId SessionId => session.Id;

    /// <summary>The participant it was opened for: it also receives that participant's <c>EmitTo</c> events.</summary>
    public string? Participant { get; }

    /// <summary>Waits for the next event.</summary>
    /// <exception cref="ChannelClosedException">The session has ended and every event has been read.</exception>
    public ValueTask<SessionEvent> ReadAsync(CancellationToken cancellationToken = default) =>
        buffer.Reader.ReadAsync(cancellationToken);

    /// <summary>Returns the next buffered event without waiting, if there is one.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SessionEvent @event) =>
        buffer.Reader.TryRead(out @event);

    /// <inheritdoc/>
    public IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        buffer.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Stops receiving; events already buffered stay readable.</summary>
    public ValueTask DisposeAsync()
    {
        session.Unsubscribe(this);
        buffer.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    internal void Deliver(SessionEvent @event) => buffer.Writer.TryWrite(@event);

    internal void Complete(Exception? fault) => buffer.Writer.TryComplete(fault);
}
