using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// What the runtime knows of a process: its protocol name, its operations and how to make an instance.
/// The generator emits one per <see cref="SessionProcessAttribute"/> class (<c>P.SessionDefinition</c>).
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SessionProcessDefinition
{
    /// <summary>Creates the definition.</summary>
    /// <param name="protocolName">The name used on the wire.</param>
    /// <param name="settings">The process's reliability settings; null for the defaults.</param>
    protected SessionProcessDefinition(string protocolName, SessionProcessSettings? settings = null)
    {
        ProtocolName = protocolName;
        Settings = settings ?? SessionProcessSettings.Default;
        MessagesNeedTiming = Settings.MessagesNeedTiming;
        HasIdleTimeout = Settings.IdleTimeout is not null;

        // IsDurable is a constant the generated subclass overrides, safe to read here. A restarted host finds the
        // process of each stored session it must wake in the catalog (generated code makes the definition as its
        // assembly loads, so the catalog is complete before anyone recovers).
        if (IsDurable)
        {
            DurableProcessCatalog.Register(this);
        }
    }

    /// <summary>The process's reliability settings.</summary>
    public SessionProcessSettings Settings { get; }

    /// <summary><see cref="SessionProcessSettings.MessagesNeedTiming"/>, read once: every one-way post asks.</summary>
    internal bool MessagesNeedTiming { get; }

    /// <summary>Whether the settings have an idle timeout, read once: every handler's end asks.</summary>
    internal bool HasIdleTimeout { get; }

    /// <summary>The process's protocol (states and transitions), or null when it declares none.</summary>
    public virtual SessionProtocol? Protocol => null;

    /// <summary>The process's name on the wire (<see cref="SessionProcessAttribute.Name"/>, or the class name).</summary>
    public string ProtocolName { get; }

    /// <summary>Every operation the process declares, starters included.</summary>
    public abstract IReadOnlyList<SessionOperation> Operations { get; }

    /// <summary>The operation called <paramref name="name"/>, or <see langword="null"/>.</summary>
    public abstract SessionOperation? FindOperation(string name);

    /// <summary>Makes the process instance of a new session and binds it to <paramref name="context"/>.</summary>
    protected abstract object CreateProcess(SessionContext context);

    internal object CreateBoundProcess(SessionContext context) => CreateProcess(context);

    /// <summary>Runs the process's <see cref="OnFaultAttribute"/> handler, if it declares one.</summary>
    protected virtual ValueTask OnFaultAsync(object process, SessionFaultedException fault) => default;

    /// <summary>Runs the process's <see cref="OnIdleAttribute"/> handler, if it declares one.</summary>
    protected virtual ValueTask OnIdleAsync(object process) => default;

    /// <summary>
    /// Runs the process's <see cref="OnParticipantLeftAttribute"/> handler for <paramref name="participant"/>, if it
    /// declares one (then it also overrides <see cref="TracksParticipants"/>).
    /// </summary>
    protected virtual ValueTask OnParticipantLeftAsync(object process, string participant) => default;

    /// <summary>
    /// True when the process declares an <see cref="OnParticipantLeftAttribute"/> handler: its sessions count each
    /// participant's subscriptions, and tell the handler when the last one has gone.
    /// </summary>
    public virtual bool TracksParticipants => false;

    /// <summary>Whether the process is durable (<see cref="SessionProcessAttribute.Durable"/>): its instance implements <see cref="IDurableProcess"/>.</summary>
    public virtual bool IsDurable => false;

    /// <summary>
    /// Schedules again, on a reloaded durable session, the pending timeout <paramref name="name"/> whose arguments
    /// <paramref name="arguments"/> holds, due after <paramref name="delay"/> (the generated code calls <c>Schedule{Name}</c>).
    /// </summary>
    /// <exception cref="SessionStateException">The process declares no such timeout.</exception>
    protected virtual TimeoutHandle RestoreTimeout(object process, string name, TimeSpan delay, SessionStateReader arguments) =>
        throw arguments.UnknownTimeout(name);

    internal TimeoutHandle ScheduleStoredTimeout(object process, string name, TimeSpan delay, SessionStateReader arguments) =>
        RestoreTimeout(process, name, delay, arguments);

    internal ValueTask RunFaultHandlerAsync(object process, SessionFaultedException fault) => OnFaultAsync(process, fault);

    internal ValueTask RunIdleHandlerAsync(object process) => OnIdleAsync(process);

    internal ValueTask RunParticipantLeftHandlerAsync(object process, string participant) => OnParticipantLeftAsync(process, participant);

    /// <inheritdoc/>
    public override string ToString() => ProtocolName;
}
