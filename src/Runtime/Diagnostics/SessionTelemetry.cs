namespace SessionGen;

/// <summary>
/// The names under which SessionGen reports to System.Diagnostics, for OpenTelemetry and other collectors:
/// <c>builder.AddMeter(SessionTelemetry.MeterName)</c>, <c>builder.AddSource(SessionTelemetry.ActivitySourceName)</c>.
/// </summary>
/// <remarks>
/// Instruments of the meter (tags in brackets): <c>sessiongen.sessions.active</c> [process],
/// <c>sessiongen.sessions.started</c> [process], <c>sessiongen.sessions.ended</c> [process, reason],
/// <c>sessiongen.messages.handled</c> [process, operation, outcome], <c>sessiongen.handler.duration</c>
/// (seconds) [process, operation, outcome], <c>sessiongen.queue.length</c> [process],
/// <c>sessiongen.dead_letters</c> [process, operation, reason] and <c>sessiongen.timeouts.fired</c> [process].
/// The activity source starts one span per handled message, a child of the sender's <c>Activity.Current</c>,
/// tagged with the process, the operation and the session id.
/// </remarks>
public static class SessionTelemetry
{
    /// <summary>The name of SessionGen's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "SessionGen";

    /// <summary>The name of SessionGen's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "SessionGen";

    /// <summary>The tag that names the process (its protocol name).</summary>
    public const string ProcessTag = "sessiongen.process";

    /// <summary>The tag that names the operation.</summary>
    public const string OperationTag = "sessiongen.operation";

    /// <summary>The span tag that holds the session id (never a metric tag: it has no bound).</summary>
    public const string SessionIdTag = "sessiongen.session.id";

    /// <summary>The tag that tells how a message or a session ended.</summary>
    public const string OutcomeTag = "sessiongen.outcome";

    /// <summary>The tag of <c>sessiongen.sessions.ended</c> and <c>sessiongen.dead_letters</c> that tells why.</summary>
    public const string ReasonTag = "sessiongen.reason";
}
