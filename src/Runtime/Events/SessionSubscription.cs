using System.Threading.Channels;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The events of one session from the moment the subscription was opened, in order. Enumerate it with
/// <c>await foreach</c>; it completes when the session ends (with <see cref="SessionFaultedException"/>
/// when a handler fault ended it). Dispose it to stop receiving.
/// </summary>
/// <remarks>
/// It holds at most <see cref="SessionHostOptions.SubscriptionCapacity"/> unread events. A reader that falls that far
/// behind receives what is held, then <see cref="SubscriptionOverflowException"/>, and the session no longer delivers
/// to it; resume from <see cref="SubscriptionOverflowException.LastDeliveredSequence"/> with
/// <see cref="SessionHost.Subscribe(SessionId, string?, long, out long)"/>.
/// </remarks>
public sealed class SessionSubscription : IAsyncEnumerable<SessionEvent>, IAsyncDisposable
{
    // Unbounded as a structure: the bound is kept by counting, below, because replayed events must not count.
    // Not SingleReader: that variant cannot report its Count (BufferedCount).
    private readonly Channel<SessionEvent> buffer = Channel.CreateUnbounded<SessionEvent>(
        new UnboundedChannelOptions { SingleWriter = true });

    // The session that delivers (null for a subscription fed from outside: SessionEventFeed).
    private readonly SessionContext? session;
    // A fed subscription's callback into its transport; taken (once) by the first dispose.
    private Action? disposed;
    private readonly int capacity;

    // Live events delivered and not yet read. Delivery (under the session's publish lock) checks and increments it;
    // the reader, on any thread, decrements it.
    private int unread;

    // Written only under the session's publish lock. Events up to replayedThrough were replayed on resuming:
    // they come first and take no room, so reading them gives none back.
    private long replayedThrough;
    private long lastDelivered;

    // 1 while it counts for its participant's presence (OnParticipantLeft): set once opened, cleared by the first dispose.
    private int counted;

    internal SessionSubscription(SessionContext session, string? participant)
    {
        this.session = session;
        capacity = session.Host.SubscriptionCapacity;
        Participant = participant;
        SessionId = session.Id;
        ProcessName = session.Definition.ProtocolName;
    }

    /// <summary>A subscription that a transport feeds (<see cref="SessionEventFeed"/>); <paramref name="disposed"/> runs once its reader disposes it.</summary>
    internal SessionSubscription(string process, SessionId id, string? participant, int capacity, Action? disposed)
    {
        this.capacity = capacity;
        this.disposed = disposed;
        Participant = participant;
        SessionId = id;
        ProcessName = process;
    }

    /// <summary>The session this subscription listens to.</summary>
    public SessionId SessionId { get; }

    internal string ProcessName { get; }

    /// <summary>The participant it was opened for: it also receives that participant's <c>EmitTo</c> events.</summary>
    public string? Participant { get; }

    /// <summary>
    /// Opened to resume after a sequence number: how many events numbered after it were no longer retained, so are not
    /// replayed (some may have been addressed to other participants); otherwise 0. A subscription over a network
    /// (<see cref="SessionEventFeed"/>) adds the events found missing each time it resumes a dropped stream.
    /// </summary>
    public long MissedEvents { get; internal set; }

    /// <summary>How many events are buffered and not yet read (replayed ones included).</summary>
    internal int BufferedCount => buffer.Reader.Count;

    /// <summary>Waits for the next event.</summary>
    /// <exception cref="ChannelClosedException">The session has ended and every event has been read.</exception>
    /// <exception cref="SubscriptionOverflowException">The subscription overflowed and every event it held has been read.</exception>
    public ValueTask<SessionEvent> ReadAsync(CancellationToken cancellationToken = default)
    {
        ValueTask<SessionEvent> read = buffer.Reader.ReadAsync(cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            SessionEvent next = read.Result;
            Took(next);
            return new ValueTask<SessionEvent>(next);
        }

        return AwaitReadAsync(read);
    }

    /// <summary>Returns the next buffered event without waiting, if there is one.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SessionEvent @event)
    {
        if (!buffer.Reader.TryRead(out @event))
        {
            return false;
        }

        Took(@event);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>Ends by throwing <see cref="SubscriptionOverflowException"/> when the subscription overflowed.</remarks>
    public async IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // As ChannelReader.ReadAllAsync, but every read goes through TryRead so that it gives room back.
        while (await buffer.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (TryRead(out SessionEvent? next))
            {
                yield return next;
            }
        }
    }

    /// <summary>Stops receiving; events already buffered stay readable.</summary>
    public ValueTask DisposeAsync()
    {
        session?.Unsubscribe(this);
        buffer.Writer.TryComplete();
        Interlocked.Exchange(ref disposed, null)?.Invoke();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Buffers a live event; called under the session's publish lock, never throws and never waits. False when
    /// the subscription is over (it overflowed now) and must be removed from the session.
    /// </summary>
    internal bool Deliver(SessionEvent @event)
    {
        if (Volatile.Read(ref unread) >= capacity)
        {
            // Full: end it rather than grow. The reader gets what is held, then the reason. TryComplete does nothing
            // when the subscription had already ended (session end, dispose): the first end stands.
            buffer.Writer.TryComplete(new SubscriptionOverflowException(SessionId, Participant, capacity, lastDelivered));
            return false;
        }

        Interlocked.Increment(ref unread);
        if (!buffer.Writer.TryWrite(@event))
        {
            return false;
        }

        lastDelivered = @event.Sequence;
        return true;
    }

    /// <summary>Buffers a retained event on resuming, before any live one; it takes no room (see <see cref="SessionHostOptions.SubscriptionCapacity"/>).</summary>
    internal void Replay(SessionEvent @event)
    {
        buffer.Writer.TryWrite(@event);
        lastDelivered = replayedThrough = @event.Sequence;
    }

    internal void Complete(Exception? fault) => buffer.Writer.TryComplete(fault);

    /// <summary>Counts for its participant's presence from now on.</summary>
    internal void StartCounting() => Volatile.Write(ref counted, 1);

    /// <summary>True once, for the dispose that ends its counting for its participant's presence.</summary>
    internal bool TryStopCounting() => Interlocked.Exchange(ref counted, 0) == 1;

    /// <summary>Adds to <see cref="MissedEvents"/>: events a transport found missing when it resumed the stream.</summary>
    internal void AddMissed(long count) => MissedEvents += count;

    // replayedThrough is final before the subscription is handed to its reader (it is set while it is opened).
    private void Took(SessionEvent @event)
    {
        if (@event.Sequence > replayedThrough)
        {
            Interlocked.Decrement(ref unread);
        }
    }

    private async ValueTask<SessionEvent> AwaitReadAsync(ValueTask<SessionEvent> read)
    {
        SessionEvent next;
        try
        {
            next = await read.ConfigureAwait(false);
        }
        catch (ChannelClosedException closed) when (closed.InnerException is SubscriptionOverflowException overflow)
        {
            // The typed reason itself, as await foreach gives it: its LastDeliveredSequence is where to resume.
            throw overflow;
        }

        Took(next);
        return next;
    }
}
