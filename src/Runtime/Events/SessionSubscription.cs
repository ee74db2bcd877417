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
public sealed partial class SessionSubscription : IAsyncEnumerable<SessionEvent>, IAsyncDisposable
{
    // The session that delivers (null for a subscription fed from outside: SessionEventFeed).
    private readonly SessionContext? session;
    // A fed subscription's callback into its transport; taken (once) by the first dispose.
    private Action? disposed;
    private readonly int capacity;

    // Live events delivered and not yet read (under the gate, SessionSubscription.Buffer.cs): the bound counts these.
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

    /// <summary>Waits for the next event.</summary>
    /// <exception cref="ChannelClosedException">The session has ended and every event has been read.</exception>
    /// <exception cref="SubscriptionOverflowException">The subscription overflowed and every event it held has been read.</exception>
    public ValueTask<SessionEvent> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SessionEvent>(cancellationToken);
        }

        lock (gate)
        {
            if (TryTakeLocked(out SessionEvent? next))
            {
                return new ValueTask<SessionEvent>(next);
            }

            if (ended)
            {
                return ValueTask.FromException<SessionEvent>(ClosedError());
            }
        }

        return ReadWhenDeliveredAsync(cancellationToken);
    }

    /// <summary>Returns the next buffered event without waiting, if there is one.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SessionEvent @event)
    {
        lock (gate)
        {
            return TryTakeLocked(out @event);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Ends by throwing <see cref="SubscriptionOverflowException"/> when the subscription overflowed.</remarks>
    public IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new SubscriptionReader(this, cancellationToken);

    /// <summary>Stops receiving; events already buffered stay readable.</summary>
    public ValueTask DisposeAsync()
    {
        session?.Unsubscribe(this);
        Complete(fault: null);
        Interlocked.Exchange(ref disposed, null)?.Invoke();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Buffers a live event; called under the session's publish lock, never throws and never waits. False when
    /// the subscription is over (it overflowed now) and must be removed from the session.
    /// </summary>
    internal bool Deliver(SessionEvent @event)
    {
        SubscriptionReader? woken;
        bool delivered = false;
        lock (gate)
        {
            if (unread >= capacity)
            {
                // Full: end it rather than grow. The reader gets what is held, then the reason. When the subscription
                // had already ended (session end, dispose), the first end stands.
                woken = EndLocked(new SubscriptionOverflowException(SessionId, Participant, capacity, lastDelivered));
            }
            else if (ended)
            {
                return false;
            }
            else
            {
                unread++;
                AddLocked(@event);
                lastDelivered = @event.Sequence;
                woken = TakeReadersLocked();
                delivered = true;
            }
        }

        Wake(woken);
        return delivered;
    }

    /// <summary>Buffers a retained event on resuming, before any live one; it takes no room (see <see cref="SessionHostOptions.SubscriptionCapacity"/>).</summary>
    internal void Replay(SessionEvent @event)
    {
        lock (gate)
        {
            if (!ended)
            {
                AddLocked(@event);
            }

            lastDelivered = replayedThrough = @event.Sequence;
        }
    }

    /// <summary>Ends it after the events it holds: with no <paramref name="fault"/> as when a session ends. Only the first end counts.</summary>
    internal void Complete(Exception? fault)
    {
        SubscriptionReader? woken;
        lock (gate)
        {
            woken = EndLocked(fault);
        }

        Wake(woken);
    }

    /// <summary>Counts for its participant's presence from now on.</summary>
    internal void StartCounting() => Volatile.Write(ref counted, 1);

    /// <summary>True once, for the dispose that ends its counting for its participant's presence.</summary>
    internal bool TryStopCounting() => Interlocked.Exchange(ref counted, 0) == 1;

    /// <summary>Adds to <see cref="MissedEvents"/>: events a transport found missing when it resumed the stream.</summary>
    internal void AddMissed(long count) => MissedEvents += count;

    /// <summary>What ReadAsync throws once every event has been read: the overflow itself, the session's end as a <see cref="ChannelClosedException"/>.</summary>
    private Exception ClosedError() => fault switch
    {
        null => new ChannelClosedException(),
        SubscriptionOverflowException or OperationCanceledException => fault,
        _ => new ChannelClosedException(fault),
    };

    private async ValueTask<SessionEvent> ReadWhenDeliveredAsync(CancellationToken cancellationToken)
    {
        var reader = new SubscriptionReader(this, cancellationToken);
        try
        {
            if (await reader.MoveNextAsync().ConfigureAwait(false))
            {
                return reader.Current;
            }
        }
        catch (Exception end) when (ReferenceEquals(end, fault))
        {
            throw ClosedError();
        }
        finally
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        throw ClosedError();
    }
}
