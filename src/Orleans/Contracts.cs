using Orleans.Concurrency;

namespace SessionGen.Orleans;

/// <summary>
/// The one session grain, keyed <c>"{process}/{sessionId}"</c>. Its signatures use only primitives and this assembly's
/// types: Orleans' code generator cannot see the types SessionGen's generator writes, so messages and results travel
/// as <see cref="SessionPayload"/>s: on a call within a silo the objects themselves (Orleans copies neither: made for
/// one call and never written after), and as the JSON their operations write when they leave the process (the
/// payload's codec writes it). The sends answer a
/// <see cref="ValueTask{TResult}"/>: the caller awaits Orleans' pooled completion source itself (a <see cref="Task"/>
/// return costs a task and a continuation per call to wrap it), and the grain's answer, ready at once when the session's
/// turn ran inline, needs no task either.
/// </summary>
internal interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Sends one message (with a message id: handled once per id) and answers its result or failure.</summary>
    /// <remarks>
    /// A protocol may hold a message until its state accepts it, for as long as the conversation takes: the response
    /// timeout of this method is a day, not the 30 s default (an in-flight call to a silo that dies ends only at this
    /// timeout or at the caller's cancellation).
    /// </remarks>
    [ResponseTimeout("1.00:00:00")]
    ValueTask<SessionReply> Send(string operation, [Immutable] SessionPayload message, string? messageId, WireCaller? caller, CancellationToken cancellationToken);

    /// <summary>As <see cref="Send"/>, not cancellable: a cancellable grain call costs a token source per call where the grain runs.</summary>
    [ResponseTimeout("1.00:00:00")]
    ValueTask<SessionReply> SendUncancellable(string operation, [Immutable] SessionPayload message, string? messageId, WireCaller? caller);

    /// <summary>
    /// Queues one message one way. <paramref name="sequence"/> numbers the posts of <paramref name="sender"/> to this
    /// session from 1: Orleans does not keep the order of unawaited calls, the grain does.
    /// <paramref name="deliveredThrough"/> is the highest number through which every post of the sender has completed
    /// this call (a grain took it): an activation that has not seen them starts after it. Completes once the grain has
    /// taken the post (handed it to the session, or buffered it behind a missing one); the sender does not wait for it.
    /// </summary>
    ValueTask Post(string operation, [Immutable] SessionPayload message, string? messageId, Guid sender, long sequence, long deliveredThrough, WireCaller? caller);

    /// <summary>
    /// Subscribes <paramref name="observer"/> to the session's events (with a participant, its <c>EmitTo</c> events
    /// too) and answers those numbered after <paramref name="afterSequence"/> that are retained (null: from now on);
    /// later ones follow through the observer. Idempotent: an observer already subscribed to this activation gets an
    /// empty answer, unless <paramref name="restart"/> asks for a new subscription after <paramref name="afterSequence"/>.
    /// </summary>
    Task<SubscribeReply> Subscribe(ISessionObserver observer, string? participant, long? afterSequence, bool restart);

    /// <summary>Stops sending events to <paramref name="observer"/>.</summary>
    Task Unsubscribe(ISessionObserver observer);

    /// <summary>How many senders' post order this activation keeps (tests: silent senders are forgotten).</summary>
    Task<int> PostSenders();

    /// <summary>The silo this activation runs on (tests, diagnostics).</summary>
    Task<string> WhereAmI();

    /// <summary>Deactivates this activation once it is idle (tests: a reactivation between messages).</summary>
    Task Deactivate();
}

/// <summary>A subscriber of a session's events: a client's object reference (<c>IGrainFactory.CreateObjectReference</c>).</summary>
internal interface ISessionObserver : IGrainObserver
{
    /// <summary>Events of the session, in order within the call (calls may overtake each other).</summary>
    [OneWay]
    Task OnEvents(WireEvent[] events);

    /// <summary>
    /// The session ended (<paramref name="fault"/>: a handler fault ended it) after the events this activation sent
    /// through number <paramref name="through"/> (-1: it sent none and was opened "from now").
    /// </summary>
    [OneWay]
    Task OnEnded(long through, SessionFailure? fault);
}

/// <summary>
/// One event on the wire: its sequence number, the number of the event before it in the same subscriber's stream
/// (<see cref="Previous"/>: a participant does not see every number; -1 for the first of a stream opened "from now"),
/// the emitted object's type name and JSON.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record WireEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long Previous,
    [property: Id(2)] string Type,
    [property: Id(3)] byte[] Data,
    [property: Id(4)] string? Participant);

/// <summary>The answer to a subscribe: the retained events after the sequence asked for, how many were not retained, or a failure.</summary>
[GenerateSerializer, Immutable]
internal sealed record SubscribeReply(
    [property: Id(0)] WireEvent[] Backlog,
    [property: Id(1)] long Missed,
    [property: Id(2)] SessionFailure? Failure);

/// <summary>Finds durable sessions by correlation key (through the silo's store) and forwards to their grains.</summary>
internal interface ISessionRouterGrain : IGrainWithIntegerKey
{
    [ResponseTimeout("1.00:00:00")]
    Task<SessionReply> SendCorrelated(string process, string operation, [Immutable] SessionPayload message, WireCaller? caller, CancellationToken cancellationToken);
}

/// <summary>A session call's answer: the result (the object on the same silo, its JSON from another), or a failure.</summary>
[GenerateSerializer, Immutable]
internal sealed record SessionReply(
    [property: Id(0)] SessionPayload? Result,
    [property: Id(1)] SessionFailure? Failure)
{
    public static SessionReply Of(SessionPayload result) => new(result, null);

    public static SessionReply Of(SessionFailure failure) => new(null, failure);
}

/// <summary>What went wrong where the session runs: enough to throw SessionGen's typed exception again at the caller.</summary>
[GenerateSerializer, Immutable]
internal sealed record SessionFailure(
    [property: Id(0)] FailureKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string SessionId,
    [property: Id(3)] string? Operation,
    [property: Id(4)] string? TypeName,
    [property: Id(5)] string? InnerMessage,
    [property: Id(6)] string? State,
    [property: Id(7)] long Number,
    [property: Id(8)] string[]? Chain);

/// <summary>The kinds of <see cref="SessionFailure"/>: one per SessionGen exception a caller may catch.</summary>
[GenerateSerializer]
internal enum FailureKind
{
    Other,
    NotFound,
    Faulted,
    UnknownOperation,
    UnknownProcess,
    MailboxFull,
    NotAccepted,
    AlreadyExists,
    Expired,
    TimeLimit,
    CallCycle,
    State,
    Argument,
    Canceled,
    Stopping,
    CallerRequired,
}
