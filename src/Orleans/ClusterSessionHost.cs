using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks.Sources;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>
/// The sessions of an Orleans cluster, as the generated <c>P.StartAsync</c>, <c>P.Connect</c> and <c>P.Client</c> see
/// them: each message goes, as its operation's JSON, to the grain of its session, which hands it to the session host of
/// the silo it runs on (<see cref="SessionGenSiloBuilderExtensions.AddSessionGen"/>); results come back typed, and
/// failures as SessionGen's exceptions.
/// </summary>
/// <remarks>
/// <para>A send with a <see cref="MessageId"/> is sent again after a transient Orleans failure (a silo became
/// unavailable, a message was rejected, a call timed out, a connection failed), with a backoff from 100 ms to 2 s,
/// within <see cref="RetryBudget"/>: the session handles it once. A send without one is not (it may have run).</para>
/// <para>A post is numbered per (this host, session), and the session's grain hands each sender's posts to the session
/// in the order they were made. A session this host has not used for a minute, with none of its posts on the way, is
/// forgotten here; a later post to it numbers from 1 again as a new sender, after every earlier one was taken. <see cref="Post(SessionId, object)"/> returns true once Orleans has taken the message:
/// a refusal where the session runs (no such session, ended, mailbox full) is filed there as a dead letter
/// (<see cref="DeadLetterReason.Refused"/>), and a post to a silo that dies on the way is lost.</para>
/// </remarks>
public sealed class ClusterSessionHost : ISessionHost
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory grains;
    private readonly JsonSerializerOptions json;
    private readonly SessionRoutes routes;
    private readonly ConcurrentDictionary<string, JsonTypeInfo> knownEvents = new(StringComparer.Ordinal);

    /// <summary>Creates a host over <paramref name="grains"/> (an <c>IClusterClient</c>, or a grain's factory).</summary>
    /// <param name="grains">Where the session grains are.</param>
    /// <param name="serializerOptions">The JSON options of the messages and results: the silos' <see cref="SessionGenSiloOptions.SerializerOptions"/>. They are made read-only here, as a first serializer call would.</param>
    public ClusterSessionHost(IGrainFactory grains, JsonSerializerOptions serializerOptions)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(serializerOptions);
        this.grains = grains;
        json = WireOptions.Locked(serializerOptions);
        routes = new SessionRoutes(grains);
    }

    /// <summary>The clock of the per-session routes' idleness (tests).</summary>
    internal TimeProvider Clock
    {
        get => routes.Clock;
        init => routes.Clock = value;
    }

    /// <summary>How many sessions this host keeps a route to (tests).</summary>
    internal int RouteCount => routes.Count;

    /// <summary>The route kept to a session, if any (tests).</summary>
    internal SessionRoute? Route(string process, SessionId id) => routes.Find(process, id);

    /// <summary>How long a send with a <see cref="MessageId"/> keeps being retried after transient failures (30 s by default).</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many posts of this host to one session may be on their way (not yet taken by the session's grain) before
    /// <see cref="Post(SessionId, object)"/> returns false, as a full mailbox does (10,000 by default). It bounds what
    /// the grain buffers to put them in order: keep it at most the silos' <see cref="SessionGenSiloOptions.PostReorderCapacity"/>.
    /// </summary>
    public int PostWindow { get; init; } = 10_000;

    /// <summary>How many times a send was sent again after a transient failure (for tests and diagnostics).</summary>
    public long Retries => Interlocked.Read(ref retries);

    private long retries;

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) =>
        SendCoreAsync(id, message, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken)
    {
        ThrowIfEmpty(messageId);
        return SendOnceAsync(id, message, messageId, null, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The caller travels with the message: its id, and its user's claims as (type, value) pairs with the authentication
    /// type and the name and role claim types of its primary identity. The silo gives the handler a <see cref="SessionCaller"/> rebuilt from them, whose user
    /// has one identity with those claims (issuers, value types and the identities' boundaries are not carried).
    /// </remarks>
    public ValueTask<object?> SendAsync(SessionId id, object message, SessionCaller? caller, MessageId? messageId, CancellationToken cancellationToken)
    {
        WireCaller? wire = WireCaller.From(caller);
        if (messageId is { } once)
        {
            ThrowIfEmpty(once);
            return SendOnceAsync(id, message, once, wire, cancellationToken);
        }

        return SendCoreAsync(id, message, wire, cancellationToken);
    }

    private ValueTask<object?> SendCoreAsync(SessionId id, object message, WireCaller? caller, CancellationToken cancellationToken)
    {
        CallTimeline.Mark(19);
        SessionOperation operation = OperationOf(message);
        var payload = SessionPayload.Message(operation, message, json);
        ISessionGrain grain = Grain(operation, id);
        CallTimeline.Mark(20);
        ValueTask<SessionReply> call = SendToGrain(grain, operation, payload, null, caller, cancellationToken);
        CallTimeline.Mark(21);
        return call.IsCompletedSuccessfully ? new ValueTask<object?>(Result(operation, call.Result)) : PendingReply.Of(this, operation, call);
    }

    private async ValueTask<object?> SendOnceAsync(SessionId id, object message, MessageId messageId, WireCaller? caller, CancellationToken cancellationToken)
    {
        SessionOperation operation = OperationOf(message);
        var payload = SessionPayload.Message(operation, message, json);
        ISessionGrain grain = Grain(operation, id);
        long deadline = Stopwatch.GetTimestamp() + (long)(RetryBudget.TotalSeconds * Stopwatch.Frequency);
        TimeSpan backoff = FirstBackoff;
        while (true)
        {
            Exception failure;
            try
            {
                SessionReply reply;
                try
                {
                    reply = await SendToGrain(grain, operation, payload, messageId.Value, caller, cancellationToken).ConfigureAwait(OnCallersScheduler);
                }
                catch (SessionPayloadException unwritten)
                {
                    reply = SessionReply.Of(unwritten.Failure);
                }

                if (reply.Failure is not { } refused || !Failures.IsTransient(refused))
                {
                    return Result(operation, reply);
                }

                failure = Failures.Decode(refused);
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                failure = exception;
            }

            if (Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency) > deadline)
            {
                throw failure;
            }

            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = backoff * 2 < LastBackoff ? backoff * 2 : LastBackoff;
            Interlocked.Increment(ref retries);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Only durable sessions are found by key: the silos look the keys up in their shared store.</remarks>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) => SendRoutedAsync(message, null, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Only durable sessions are found by key; the caller travels as with <see cref="SendAsync(SessionId, object, SessionCaller?, MessageId?, CancellationToken)"/>.</remarks>
    public ValueTask<object?> SendAsync(object message, SessionCaller? caller, CancellationToken cancellationToken) =>
        SendRoutedAsync(message, WireCaller.From(caller), cancellationToken);

    private async ValueTask<object?> SendRoutedAsync(object message, WireCaller? caller, CancellationToken cancellationToken)
    {
        SessionOperation operation = OperationOf(message);
        var payload = SessionPayload.Message(operation, message, json);
        SessionReply reply;
        try
        {
            reply = await grains.GetGrain<ISessionRouterGrain>(0)
                .SendCorrelated(operation.Process.ProtocolName, operation.Name, payload, caller, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionPayloadException unwritten)
        {
            reply = SessionReply.Of(unwritten.Failure);
        }

        return Result(operation, reply);
    }

    /// <inheritdoc/>
    /// <remarks>True once Orleans has taken the message (see the class's remarks).</remarks>
    public bool Post(SessionId id, object message) => PostCore(id, message, null, null);

    /// <inheritdoc/>
    /// <remarks>True once Orleans has taken the message (see the class's remarks).</remarks>
    public bool Post(SessionId id, object message, MessageId messageId)
    {
        ThrowIfEmpty(messageId);
        return PostCore(id, message, messageId.Value, null);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// True once Orleans has taken the message (see the class's remarks); the caller travels as with
    /// <see cref="SendAsync(SessionId, object, SessionCaller?, MessageId?, CancellationToken)"/>. A post that the session
    /// refuses for want of a caller is filed there as a dead letter, like any refused post.
    /// </remarks>
    public bool Post(SessionId id, object message, SessionCaller? caller, MessageId? messageId)
    {
        if (messageId is { } once)
        {
            ThrowIfEmpty(once);
        }

        return PostCore(id, message, messageId?.Value, WireCaller.From(caller));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Returns at once; the subscription starts when the session's grain has it, and ends with
    /// <see cref="SessionNotFoundException"/> (or the failure that stopped it) when the session is not there. See
    /// <see cref="SubscribeAsync"/> for how events cross the cluster.
    /// </remarks>
    public SessionSubscription Subscribe(string process, SessionId id, string? participant)
    {
        ArgumentNullException.ThrowIfNull(process);
        var subscription = new ClusterSubscription(this, grains, process, id, participant, afterSequence: null);
        _ = OpenInBackgroundAsync(subscription);
        return subscription.Subscription;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <para>The session's grain subscribes to its silo's session host and sends the events, as their JSON and type
    /// name, to an observer object of this host's client (so <see cref="IGrainFactory"/> must be an <c>IClusterClient</c>
    /// or a silo's grain factory). This host subscribes again every <see cref="SubscriptionRefresh"/> with the last
    /// sequence number it delivered, and the grain answers the events after it that the session retains: after the
    /// session's silo is lost, a durable session is loaded elsewhere and the subscription resumes with no gap or repeat
    /// (as long as the events it missed are among those its store keeps). Events reach the reader as the type registered
    /// with <see cref="KnownEvent{T}"/> of that name, else as <see cref="RestoredEvent"/>.</para>
    /// </remarks>
    public async ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var subscription = new ClusterSubscription(this, grains, process, id, participant, afterSequence);
        if (await subscription.OpenAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw Failures.Decode(failure);
        }

        return subscription.Subscription;
    }

    /// <summary>How often a subscription subscribes again with its last sequence number, to resume after a silo loss (1 s by default).</summary>
    public TimeSpan SubscriptionRefresh { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Delivers events whose emitted type has the name of <typeparamref name="T"/> (<see cref="System.Reflection.MemberInfo.Name"/>)
    /// as <typeparamref name="T"/>, read with this host's serializer options; other events arrive as <see cref="RestoredEvent"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The serializer options have no contract for <typeparamref name="T"/>.</exception>
    public ClusterSessionHost KnownEvent<T>()
    {
        knownEvents[typeof(T).Name] = json.GetTypeInfo(typeof(T));
        return this;
    }

    /// <summary>An event off the wire: the registered type of that name, else its JSON as a <see cref="RestoredEvent"/>.</summary>
    internal object DecodeEvent(string type, byte[] data)
    {
        if (knownEvents.TryGetValue(type, out JsonTypeInfo? info))
        {
            try
            {
                if (JsonSerializer.Deserialize(data, info) is { } typed)
                {
                    return typed;
                }
            }
            catch (JsonException)
            {
                // Not what this client calls that type: hand over the JSON.
            }
        }

        using var document = JsonDocument.Parse(data);
        return new RestoredEvent(type, document.RootElement.Clone());
    }

    private static async Task OpenInBackgroundAsync(ClusterSubscription subscription)
    {
        try
        {
            if (await subscription.OpenAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                subscription.Fail(Failures.Decode(failure));
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            subscription.Fail(exception);
        }
    }

    /// <summary>Failures after which the same call may be sent again: the silo was lost or unreachable, not the session's answer.</summary>
    internal static bool IsTransient(Exception exception) => exception is SiloUnavailableException
        or OrleansMessageRejectionException or TimeoutException or GatewayTooBusyException
        or global::Orleans.Runtime.Messaging.ConnectionFailedException;

    private bool PostCore(SessionId id, object message, string? messageId, WireCaller? caller)
    {
        SessionOperation operation = OperationOf(message);
        if (operation.StartsSession)
        {
            throw new InvalidOperationException($"Operation '{operation}' starts sessions: send it instead.");
        }

        if (caller is null && operation.Caller == CallerParameter.Required)
        {
            throw new SessionCallerRequiredException(id, operation.Name);
        }

        // Written now, as before payloads went by reference: a post's sender learns only that Orleans took it, so a
        // message that cannot be written must fail here rather than on its way to another silo. Within the silo the
        // grain still takes the object itself.
        var payload = SessionPayload.WrittenMessage(operation, message, json);
        while (true)
        {
            SessionRoute route = routes.Get(operation.Process.ProtocolName, id);
            lock (route)
            {
                if (route.Retired)
                {
                    continue; // dropped as idle just now: a new route is a new sender
                }

                return PostOnRoute(route, operation, payload, messageId, caller);
            }
        }
    }

    private bool PostOnRoute(SessionRoute route, SessionOperation operation, SessionPayload payload, string? messageId, WireCaller? caller)
    {
        PostCounter counter = route.Posts ??= new PostCounter();

        // Numbered and handed to Orleans under one lock, so this sender's numbers leave in order.
        lock (counter)
        {
            if (counter.Last - counter.DeliveredThrough >= PostWindow)
            {
                return false; // as a full mailbox: this many of the sender's posts to the session are not yet taken
            }

            long sequence = ++counter.Last;
            ValueTask taken;
            try
            {
                taken = route.Grain.Post(operation.Name, payload, messageId, counter.Sender, sequence, counter.DeliveredThrough, caller);
            }
            catch (Exception exception)
            {
                // A call that fails before it is sent still ends its number, so the watermark goes on past it.
                taken = ValueTask.FromException(exception);
            }

            if (taken.IsCompleted)
            {
                PostTaken.Observe(taken);
                counter.Completed(sequence);
            }
            else
            {
                // Orleans' pooled completion source, awaited directly: a Task per post (.AsTask()) and a continuation task are not made.
                new PostTaken(counter, sequence, taken).Watch();
            }
        }

        return true;
    }

    /// <summary>The highest number through which every post of this host to the session was taken by its grain (tests).</summary>
    internal long PostsDeliveredThrough(string process, SessionId id)
    {
        if (routes.Find(process, id)?.Posts is not { } counter)
        {
            return 0;
        }

        lock (counter)
        {
            return counter.DeliveredThrough;
        }
    }

    private static void ThrowIfEmpty(MessageId messageId)
    {
        if (messageId.Value.Length == 0)
        {
            throw new ArgumentException("A message id must not be empty.", nameof(messageId));
        }
    }

    private ISessionGrain Grain(SessionOperation operation, SessionId id) => routes.Get(operation.Process.ProtocolName, id).Grain;

    /// <summary>A send that cannot be canceled goes as a call that is not cancellable, which costs the silo less.</summary>
    private static ValueTask<SessionReply> SendToGrain(ISessionGrain grain, SessionOperation operation, SessionPayload payload, string? messageId, WireCaller? caller, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? grain.Send(operation.Name, payload, messageId, caller, cancellationToken)
            : grain.SendUncancellable(operation.Name, payload, messageId, caller);

    /// <summary>
    /// Whether a grain call's answer should come back on the caller's scheduler. In a grain (an activation's scheduler,
    /// no synchronization context) it should: the reply is queued to the activation once, where the grain awaits it
    /// anyway, instead of first to the thread pool and from there to the activation. A synchronization context (a UI
    /// thread) is never resumed on; elsewhere the scheduler is the default one, and either way is the same.
    /// </summary>
    private static bool OnCallersScheduler => SynchronizationContext.Current is null;

    /// <summary>
    /// A send's answer, as the <see cref="ValueTask{TResult}"/> the caller awaits: it waits on the grain call's own
    /// completion source, with the caller's flags (its scheduler, its execution context), and decodes the reply when the
    /// caller reads it. An async method here cost a state machine per call on top of the caller's own; this object is
    /// kept per thread and used again once its result is read.
    /// </summary>
    private sealed class PendingReply : IValueTaskSource<object?>
    {
        [ThreadStatic]
        private static PendingReply? cached;

        private readonly Action resume;
        private ClusterSessionHost? host;
        private SessionOperation? operation;
        private ValueTask<SessionReply> call;
        private Action<object?>? continuation;
        private object? continuationState;
        private short version;

        private PendingReply() => resume = Resume;

        public static ValueTask<object?> Of(ClusterSessionHost host, SessionOperation operation, ValueTask<SessionReply> call)
        {
            PendingReply pending = cached ?? new PendingReply();
            cached = null;
            pending.host = host;
            pending.operation = operation;
            pending.call = call;
            return new ValueTask<object?>(pending, pending.version);
        }

        public ValueTaskSourceStatus GetStatus(short token)
        {
            Check(token);
            return !call.IsCompleted ? ValueTaskSourceStatus.Pending
                : call.IsCompletedSuccessfully ? ValueTaskSourceStatus.Succeeded
                : call.IsCanceled ? ValueTaskSourceStatus.Canceled
                : ValueTaskSourceStatus.Faulted;
        }

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        {
            Check(token);
            CallTimeline.Mark(8);
            this.continuation = continuation;
            continuationState = state;
            ConfiguredValueTaskAwaitable<SessionReply>.ConfiguredValueTaskAwaiter awaiter =
                call.ConfigureAwait((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0).GetAwaiter();
            if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0)
            {
                awaiter.OnCompleted(resume);
            }
            else
            {
                awaiter.UnsafeOnCompleted(resume);
            }
        }

        public object? GetResult(short token)
        {
            Check(token);
            ClusterSessionHost owner = host!;
            SessionOperation sent = operation!;
            ValueTask<SessionReply> done = call;
            host = null;
            operation = null;
            call = default;
            version++;
            cached = this; // read once: nothing refers to this answer any more
            return owner.Result(sent, Answer(done));
        }

        private void Resume()
        {
            CallTimeline.Mark(7);
            Action<object?> next = continuation!;
            object? state = continuationState;
            continuation = null;
            continuationState = null;
            next(state);
        }

        private void Check(short token)
        {
            if (token != version || host is null)
            {
                throw new InvalidOperationException("A send's ValueTask was used after its result was read.");
            }
        }
    }

    /// <summary>A completed grain call's reply; a result that could not be written on its way here is its typed failure.</summary>
    private static SessionReply Answer(ValueTask<SessionReply> call)
    {
        try
        {
            return call.GetAwaiter().GetResult();
        }
        catch (SessionPayloadException unwritten)
        {
            return SessionReply.Of(unwritten.Failure);
        }
    }

    /// <summary>The result: the handler's object itself when the session ran on this silo, else read from its JSON.</summary>
    private object? Result(SessionOperation operation, SessionReply reply)
    {
        if (reply.Failure is { } failure)
        {
            throw Failures.Decode(failure);
        }

        return reply.Result is { } payload ? payload.ReadResult(operation, json) : operation.DeserializeResult(default, json);
    }

    private static SessionOperation OperationOf(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message is ISessionMessage session
            ? session.Operation
            : throw new ArgumentException($"'{message.GetType()}' is not a generated session message (P.Messages.*).", nameof(message));
    }
}
