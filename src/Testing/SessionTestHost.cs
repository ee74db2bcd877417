using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;

namespace SessionGen.Testing;

/// <summary>
/// A <see cref="SessionHost"/> for tests, on a fake clock that moves only with <see cref="AdvanceAsync"/>, which returns
/// once every timeout due by then has run its turn. It captures what each session emitted (<see cref="Events"/>), its
/// dead letters (<see cref="DeadLetters"/>) and the faults of its handlers (<see cref="Faults"/>), gives process
/// constructors their services (a <see cref="TimeProvider"/> is the fake clock), and, when <see cref="SessionTestHostOptions.Durable"/>,
/// keeps durable sessions in an in-memory store across <see cref="RestartAsync"/>. Pass it wherever a generated
/// <c>P.StartAsync</c> or <c>P.Connect</c> takes a host.
/// </summary>
public sealed class SessionTestHost : ISessionHost, IAsyncDisposable
{
    private readonly SessionTestHostOptions options;
    private readonly TestServices services;
    private readonly Recorder recorder = new();
    private DeadLetterSubscription deadLetterFeed;

    /// <summary>Creates a test host and its first <see cref="SessionHost"/>.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SessionTestHost(SessionTestHostOptions? options = null)
    {
        this.options = options ?? new SessionTestHostOptions();
        Time = this.options.StartTime is { } start ? new FakeTimeProvider(start) : new FakeTimeProvider();
        services = new TestServices(Time, this.options.AddedServices, this.options.Services);
        Store = this.options.Durable ? new InMemorySessionStore() : null;
        Host = NewHost();
        deadLetterFeed = Host.SubscribeDeadLetters(int.MaxValue);
    }

    /// <summary>The fake clock behind every timeout (and every process constructor's <see cref="TimeProvider"/>).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The host that runs the sessions now (a new one after <see cref="RestartAsync"/>).</summary>
    public SessionHost Host { get; private set; }

    /// <summary>The store of durable sessions when <see cref="SessionTestHostOptions.Durable"/>; otherwise null.</summary>
    public InMemorySessionStore? Store { get; }

    /// <summary>Every dead letter filed so far (accepted messages that were never handled), in order; across restarts.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters
    {
        get
        {
            lock (recorder)
            {
                while (deadLetterFeed.TryRead(out DeadLetter? deadLetter))
                {
                    recorder.DeadLetters.Add(deadLetter);
                }

                return [.. recorder.DeadLetters];
            }
        }
    }

    /// <summary>Every fault of a handler so far (whether or not it ended its session), in order; across restarts.</summary>
    public IReadOnlyList<SessionFaultedException> Faults => recorder.FaultsSnapshot();

    /// <summary>
    /// Moves the clock <paramref name="delay"/> ahead and returns once every timeout due by then has run its turn (its
    /// events are then in <see cref="Events"/>). The clock stops at each due time on the way, so a timeout that a timeout
    /// schedules runs too if it falls due within <paramref name="delay"/>, as it would on a real clock.
    /// </summary>
    /// <remarks>
    /// Waits for the turns of the timeouts, the runtime's own included (idleness, hold limits, waking stored sessions); a
    /// timeout's handler that awaits something only the test can complete keeps it waiting (give a
    /// <paramref name="cancellationToken"/> to bound it). Timers a process makes itself on its <see cref="TimeProvider"/>
    /// (<c>Task.Delay(d, time)</c>) fire as the clock passes them but are not waited for.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public async Task AdvanceAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        DateTimeOffset target = Time.GetUtcNow() + delay;
        while (true)
        {
            await TimeoutProbe.WhenSettledAsync(Host).WaitAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan left = target - Time.GetUtcNow();
            TimeSpan? next = TimeoutProbe.NextDue(Host);
            if (next is not { } due || due > left)
            {
                break;
            }

            // At least a tick of the clock, so an entry due now (its tick not yet taken) cannot stall the loop.
            Time.Advance(due > TimeSpan.Zero ? due : TimeSpan.FromTicks(1));
        }

        TimeSpan rest = target - Time.GetUtcNow();
        if (rest > TimeSpan.Zero)
        {
            Time.Advance(rest);
        }

        await TimeoutProbe.WhenSettledAsync(Host).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The events that a subscriber to session <paramref name="id"/> would have received so far (with a
    /// <paramref name="participant"/>: its <c>EmitTo</c> events too), from the session's start, with their sequence numbers.
    /// </summary>
    public SessionEventLog Events(SessionId id, string? participant = null) => new(id, participant, recorder.EventsFor(id, participant));

    /// <summary>
    /// How many timeouts session <paramref name="id"/> has scheduled that have not run (<c>Schedule{Name}</c>,
    /// <c>After</c>); unlike <see cref="SessionHost.PendingTimeoutCount"/>, not the runtime's idle watch or hold limits.
    /// 0 for a session that is not in memory.
    /// </summary>
    public int PendingTimeouts(SessionId id) => TimeoutProbe.PendingTimeouts(Host, id);

    /// <summary>
    /// Stops the host as a process exit would (it finishes what it accepted, then lets go of its sessions) and starts a new
    /// one over the same store and clock, which recovers the stored sessions' timeouts. Clients made from this test host
    /// reach the new host. Needs <see cref="SessionTestHostOptions.Durable"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The test host is not durable.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (Store is null)
        {
            throw new InvalidOperationException("RestartAsync needs a durable test host: new SessionTestHost(new SessionTestHostOptions { Durable = true }).");
        }

        _ = DeadLetters; // keep what the old host filed
        await Host.DisposeAsync().ConfigureAwait(false);
        _ = DeadLetters;
        await deadLetterFeed.DisposeAsync().ConfigureAwait(false);
        Host = NewHost();
        deadLetterFeed = Host.SubscribeDeadLetters(int.MaxValue);
        await Host.RecoverAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asserts that no message was dead-lettered.</summary>
    /// <exception cref="SessionAssertionException">Some were; the message lists them.</exception>
    public void ShouldHaveNoDeadLetters()
    {
        IReadOnlyList<DeadLetter> deadLetters = DeadLetters;
        if (deadLetters.Count > 0)
        {
            throw new SessionAssertionException(
                $"Expected no dead letters, but {deadLetters.Count} were filed:{string.Concat(deadLetters.Select(d => $"\n  {d} ({d.Message})"))}");
        }
    }

    /// <summary>Asserts that no handler faulted.</summary>
    /// <exception cref="SessionAssertionException">Some did; the message lists them with their exceptions.</exception>
    public void ShouldHaveNoFaults()
    {
        IReadOnlyList<SessionFaultedException> faults = Faults;
        if (faults.Count > 0)
        {
            throw new SessionAssertionException(
                $"Expected no faults, but {faults.Count} handlers threw:{string.Concat(faults.Select(f => $"\n  {f.Operation} in session {f.SessionId}: {f.InnerException?.GetType().Name}: {f.InnerException?.Message}"))}");
        }
    }

    /// <summary>Stops the host: it finishes what it accepted, then ends its sessions and completes their subscriptions.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        _ = DeadLetters;
        await deadLetterFeed.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) =>
        Host.SendAsync(id, message, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken) =>
        Host.SendAsync(id, message, messageId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) => Host.SendAsync(message, cancellationToken);

    /// <inheritdoc/>
    public bool Post(SessionId id, object message) => Host.Post(id, message);

    /// <inheritdoc/>
    public bool Post(SessionId id, object message, MessageId messageId) => Host.Post(id, message, messageId);

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(SessionId id, object message, SessionCaller? caller, MessageId? messageId, CancellationToken cancellationToken) =>
        ((ISessionHost)Host).SendAsync(id, message, caller, messageId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<object?> SendAsync(object message, SessionCaller? caller, CancellationToken cancellationToken) =>
        ((ISessionHost)Host).SendAsync(message, caller, cancellationToken);

    /// <inheritdoc/>
    public bool Post(SessionId id, object message, SessionCaller? caller, MessageId? messageId) =>
        ((ISessionHost)Host).Post(id, message, caller, messageId);

    /// <inheritdoc/>
    public SessionSubscription Subscribe(string process, SessionId id, string? participant) =>
        ((ISessionHost)Host).Subscribe(process, id, participant);

    /// <inheritdoc/>
    public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken) =>
        Host.SubscribeAsync(process, id, participant, afterSequence, cancellationToken);

    private SessionHost NewHost()
    {
        var hostOptions = new SessionHostOptions
        {
            TimeProvider = Time,
            Services = services,
            Store = Store,
            SerializerOptions = options.SerializerOptions,
        };
        options.ConfigureHost?.Invoke(hostOptions);
        recorder.Next = hostOptions.Observer;
        hostOptions.Observer = recorder;
        hostOptions.TimeProvider = Time;
        hostOptions.Store = Store;
        return new SessionHost(hostOptions);
    }

    /// <summary>The observer that captures events and faults, passing every call on to the user's own observer.</summary>
    private sealed class Recorder : SessionObserver
    {
        private readonly Dictionary<SessionId, List<SessionEvent>> events = new();
        private readonly List<SessionFaultedException> faults = new();

        public SessionObserver? Next { get; set; }

        public List<DeadLetter> DeadLetters { get; } = new();

        public SessionEvent[] EventsFor(SessionId id, string? participant)
        {
            lock (events)
            {
                return events.TryGetValue(id, out List<SessionEvent>? emitted)
                    ? emitted.Where(e => e.Participant is null || e.Participant == participant).ToArray()
                    : [];
            }
        }

        public SessionFaultedException[] FaultsSnapshot()
        {
            lock (faults)
            {
                return [.. faults];
            }
        }

        public override void EventEmitted(SessionId id, string process, SessionEvent @event)
        {
            lock (events)
            {
                if (!events.TryGetValue(id, out List<SessionEvent>? emitted))
                {
                    events[id] = emitted = new List<SessionEvent>();
                }

                emitted.Add(@event);
            }

            Next?.EventEmitted(id, process, @event);
        }

        public override void HandlerFaulted(SessionId id, string process, SessionFaultedException fault)
        {
            lock (faults)
            {
                faults.Add(fault);
            }

            Next?.HandlerFaulted(id, process, fault);
        }

        public override void SessionStarted(SessionId id, string process) => Next?.SessionStarted(id, process);

        public override void SessionEnded(SessionId id, string process, SessionEndReason reason, SessionFaultedException? fault) =>
            Next?.SessionEnded(id, process, reason, fault);

        public override void WakeUpFailed(SessionId id, string process, Exception exception) => Next?.WakeUpFailed(id, process, exception);
    }
}
