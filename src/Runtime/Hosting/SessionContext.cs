using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// A running session as its process sees it: the id, the event stream, timeouts and the end.
/// Generated code binds one to each process instance; user code calls the generated members
/// (<c>Emit</c>, <c>EndSession</c>, <c>After</c>, …) instead of this type.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
/// <remarks>
/// One object per session, so an idle session costs one allocation; its jobs live in partial files of their own:
/// this one is the face generated code calls; <c>SessionContext.Admission.cs</c> takes messages in;
/// <c>SessionContext.Turn.cs</c> runs them one at a time; <c>SessionContext.Protocol.cs</c> holds the ones the
/// current protocol state does not accept; <c>SessionContext.Lifetime.cs</c> ends the session (faults, idleness,
/// shutdown) and owns its correlation keys.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class SessionContext
{
    // Made on first Emit or Subscribe; SubscriberList.Ended once the session has ended without one.
    private SubscriberList? subscribers;
    private SessionExtras? extras;
    private object? process;
    private int state;

    internal SessionContext(SessionHost host, SessionId id, SessionProcessDefinition definition)
    {
        Host = host;
        Id = id;
        Definition = definition;
        protocol = definition.Protocol;
    }

    /// <summary>The index of the session's protocol state (0, the initial state, without a protocol).</summary>
    public int State => state;

    /// <summary>The session's id.</summary>
    public SessionId Id { get; }

    /// <summary>The host running the session.</summary>
    public SessionHost Host { get; }

    /// <summary>The process this session runs.</summary>
    internal SessionProcessDefinition Definition { get; }

    internal object Process => process!;

    /// <summary>The session whose message this session's running handler awaits, if any (an edge left by a handler that has finished does not count).</summary>
    internal SessionContext? WaitingFor =>
        Volatile.Read(ref extras) is { } rare && Volatile.Read(ref rare.WaitingFor) is { } target && IsRunning(Volatile.Read(ref rare.WaitingRun)) ? target : null;

    /// <summary>Drops the wait edge to <paramref name="target"/>, if it is still this session's (see <see cref="WaitForGraph"/>).</summary>
    internal void StopWaitingFor(SessionContext target)
    {
        if (Volatile.Read(ref extras) is { } rare)
        {
            Interlocked.CompareExchange(ref rare.WaitingFor, null, target);
        }
    }

    /// <summary>The rarely used parts, made on first use (from any thread).</summary>
    internal SessionExtras Extras => Volatile.Read(ref extras) ?? Interlocked.CompareExchange(ref extras, new SessionExtras(), null) ?? extras!;

    // The definition's protocol, read once: a virtual property, and the turn asks for it several times per message.
    private readonly SessionProtocol? protocol;

    private SessionProtocol? Protocol => protocol;

    private SubscriberList Subscribers => Volatile.Read(ref subscribers) ?? Interlocked.CompareExchange(ref subscribers, new SubscriberList(), null) ?? subscribers!;

    /// <summary>Publishes <paramref name="event"/> to every subscriber of this session, in order.</summary>
    public void Emit(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (durability is { } durable)
        {
            durable.Defer(@event, participant: null);
            return;
        }

        Publish(@event, participant: null);
    }

    /// <summary>Publishes <paramref name="event"/> only to the subscriptions opened for <paramref name="participant"/>.</summary>
    public void EmitTo(string participant, object @event)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(@event);
        if (durability is { } durable)
        {
            durable.Defer(@event, participant);
            return;
        }

        Publish(@event, participant);
    }

    /// <summary>Ends the session once the current handler has finished.</summary>
    public void EndSession() => endRequested = true;

    /// <summary>Runs <paramref name="callback"/> on this session's turn once <paramref name="delay"/> has passed.</summary>
    /// <exception cref="InvalidOperationException">The process is durable: a callback cannot be stored.</exception>
    public TimeoutHandle After(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfDurable();
        return Host.Timers.Schedule(this, delay, callback);
    }

    /// <summary>Runs the asynchronous <paramref name="callback"/> on this session's turn once <paramref name="delay"/> has passed.</summary>
    /// <exception cref="InvalidOperationException">The process is durable: a callback cannot be stored.</exception>
    public TimeoutHandle After(TimeSpan delay, Func<ValueTask> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfDurable();
        return Host.Timers.Schedule(this, delay, callback);
    }

    /// <summary>
    /// Moves the session to protocol state <paramref name="newState"/>; the running handler must declare it
    /// with <see cref="MovesToAttribute"/>. A final state ends the session after the handler.
    /// </summary>
    /// <exception cref="InvalidOperationException">The running handler declares no such transition.</exception>
    public void MoveTo(int newState)
    {
        SessionProtocol? protocol = Protocol;
        (string runningName, ulong allowedTargets) = running switch
        {
            MailboxItem item => (item.Name, item.TargetStates),
            SessionOperation operation => (operation.Name, operation.TargetStates),
            _ => ("", 0UL),
        };
        if (protocol is null || newState < 0 || newState >= protocol.States.Count || (allowedTargets & SessionProtocol.Bit(newState)) == 0)
        {
            string target = protocol is not null && newState >= 0 && newState < protocol.States.Count ? protocol.States[newState] : newState.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new InvalidOperationException($"'{runningName}' cannot move session '{Id}' to state '{target}': declare it with [MovesTo].");
        }

        state = newState;
    }

    /// <summary>Makes this session the one that correlation set <paramref name="set"/> with <paramref name="value"/> identifies.</summary>
    /// <exception cref="CorrelationConflictException">Another session already holds that key.</exception>
    /// <exception cref="SessionNotFoundException">The session has already ended (a handler that outlived its time limit): no key is registered.</exception>
    public void Correlate(string set, string value) => TakeKeys([new CorrelationKey(set, value)]);

    /// <summary>Correlates this session with a fresh, random value of set <paramref name="set"/> (Jolie's <c>csets.x = new</c>) and returns it.</summary>
    public string CorrelateNew(string set)
    {
        string value = SessionId.New().Value;
        Correlate(set, value);
        return value;
    }

    /// <summary>
    /// Runs the named timeout <paramref name="call"/> (the generated <c>Schedule{Name}</c>: the handler's arguments
    /// inline, no closure) once <paramref name="delay"/> has passed.
    /// </summary>
    /// <typeparam name="TProcess">The session's process type.</typeparam>
    /// <typeparam name="TCall">The generated call of the timeout's handler.</typeparam>
    public TimeoutHandle Schedule<TProcess, TCall>(TimeSpan delay, TCall call)
        where TProcess : class
        where TCall : struct, ITimeoutCall<TProcess> =>
        Tracked(Host.Timers.Schedule<TProcess, TCall>(this, delay, call), delay);

    internal void Bind(object processInstance) => process = processInstance;

    internal SessionSubscription Subscribe(string? participant)
    {
        var subscription = new SessionSubscription(this, participant);
        if (!Subscribers.Add(subscription))
        {
            throw SessionNotFoundException.NoSuchSession(Id);
        }

        CountPresence(subscription);
        return subscription;
    }

    internal void Unsubscribe(SessionSubscription subscription)
    {
        subscribers?.Remove(subscription);
        if (subscription.Participant is { } participant && subscription.TryStopCounting())
        {
            Volatile.Read(ref Extras.Presence)?.Closed(participant);
        }
    }

    /// <summary>A participant's new subscription counts for its presence, when the process has an <c>[OnParticipantLeft]</c> handler.</summary>
    private void CountPresence(SessionSubscription subscription)
    {
        if (subscription.Participant is not { } participant || !Definition.TracksParticipants)
        {
            return;
        }

        SessionExtras rare = Extras;
        ParticipantPresence presence = Volatile.Read(ref rare.Presence)
            ?? Interlocked.CompareExchange(ref rare.Presence, new ParticipantPresence(this), null)
            ?? rare.Presence!;
        subscription.StartCounting();
        presence.Opened(participant);
    }
}
