namespace SessionGen;

/// <summary>Settings of a <see cref="SessionHost"/>.</summary>
public sealed class SessionHostOptions
{
    /// <summary>The clock behind every timeout. Tests pass a <c>FakeTimeProvider</c>. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How finely timeouts are placed on the host's timer wheel: a timeout fires at the first tick at or after
    /// its due time. Default: 1 ms.
    /// </summary>
    public TimeSpan TimerResolution { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// How long a session remembers a handled message's <see cref="MessageId"/> (sent with
    /// <see cref="SessionHost.SendAsync(SessionId, object, MessageId, CancellationToken)"/> or a generated client's
    /// overloads that take one), so that a repeat is answered with the first outcome instead of being handled again.
    /// Default: 10 minutes.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long <see cref="SessionHost.DisposeAsync"/> lets sessions finish their accepted messages. Past it,
    /// sessions end at once and what is still queued is dead-lettered (<see cref="DeadLetterReason.HostStopping"/>),
    /// and <see cref="SessionHost.DisposeAsync"/> completes without waiting for handlers still running.
    /// What such a handler's turn files later (its own message if it gives up on the stopping token, the rest of a run
    /// of one-way messages it had taken) still reaches the dead-letter subscriptions: they complete once the last of
    /// those turns has left. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever. Default: 30 seconds, like the generic host.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The services that generated process factories take constructor parameters from (a process whose
    /// constructor has parameters needs them). <c>services.AddSessionGen()</c> in SessionGen.Hosting sets the
    /// application's. Default: none.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>
    /// Told when sessions start, end and fault (SessionGen.Hosting logs through it). Default: none.
    /// </summary>
    public SessionObserver? Observer { get; set; }

    /// <summary>
    /// How many of its latest events each session keeps so that a subscriber can resume after the last one it
    /// saw (<see cref="SessionHost.Subscribe(SessionId, string?, long, out long)"/>; the HTTP events stream's
    /// <c>Last-Event-ID</c>). Default: 0, none kept.
    /// </summary>
    public int EventReplayCapacity { get; set; }

    /// <summary>
    /// How many unread events one subscription may hold. A subscriber that falls this far behind its session is
    /// ended with <see cref="SubscriptionOverflowException"/> once it has read what it holds, and the session no
    /// longer delivers to it, so one slow reader cannot grow the process. It can resume from the last event it
    /// read (<see cref="SessionHost.Subscribe(SessionId, string?, long, out long)"/>; over HTTP, <c>Last-Event-ID</c>).
    /// Events replayed to a resumed subscription do not count against it. At least 1. Default: 10,000.
    /// </summary>
    public int SubscriptionCapacity { get; set; } = 10_000;

    /// <summary>
    /// Where the sessions of durable processes (<see cref="SessionProcessAttribute.Durable"/>) are kept; <see langword="null"/>
    /// (the default) for none, in which case starting a durable session fails. Call <c>SessionHost.RecoverAsync</c>
    /// after creating a host over a store that already holds sessions.
    /// </summary>
    public ISessionStore? Store { get; set; }

    /// <summary>
    /// How durable sessions' fields, timeout arguments and events are written to the <see cref="Store"/>: give a
    /// source-generated <c>JsonSerializerContext</c> as its <see cref="System.Text.Json.JsonSerializerOptions.TypeInfoResolver"/>
    /// (required under Native AOT). <see langword="null"/> (the default) for <see cref="System.Text.Json.JsonSerializerOptions.Default"/>.
    /// </summary>
    public System.Text.Json.JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>
    /// How long a durable session may sit idle (no turn, nobody subscribed) before it leaves memory; it stays in the
    /// <see cref="Store"/> and loads again on its next message or timeout, so memory holds only active sessions.
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps durable sessions in memory until they end. Default: 5 minutes.
    /// </summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a participant may be without a subscription to a session before the session's
    /// <see cref="OnParticipantLeftAttribute"/> handler runs for it: a participant whose last subscription closed and who
    /// subscribes again within this time (a page reloading, a network blip) has not left. Timed by <see cref="TimeProvider"/>.
    /// <see cref="TimeSpan.Zero"/> reports a departure at the next tick. Default: 5 seconds.
    /// </summary>
    public TimeSpan ParticipantLeftGrace { get; set; } = TimeSpan.FromSeconds(5);
}
