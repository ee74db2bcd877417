using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>One operation of a process: its name, its result type and whether it starts a session. For code the SessionGen generator emits; not a stable API.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SessionOperation
{
    private protected SessionOperation(SessionProcessDefinition process, string name, bool startsSession, ulong acceptedStates, ulong targetStates)
    {
        Process = process;
        Name = name;
        StartsSession = startsSession;
        AcceptedStates = acceptedStates;
        TargetStates = targetStates;
    }

    /// <summary>The mask of protocol states in which the operation is accepted (<see cref="SessionProtocol.AnyState"/> without a protocol).</summary>
    public ulong AcceptedStates { get; }

    /// <summary>The mask of protocol states its handler may move the session to.</summary>
    public ulong TargetStates { get; }

    /// <summary>The correlation keys <paramref name="message"/> carries (empty when the operation declares none).</summary>
    public abstract IReadOnlyList<CorrelationKey> CorrelationKeysOf(object message);

    /// <summary>The process that declares the operation.</summary>
    public SessionProcessDefinition Process { get; }

    /// <summary>The operation's name.</summary>
    public string Name { get; }

    /// <summary>True for a starter: its message creates a new session.</summary>
    public bool StartsSession { get; }

    /// <summary>The handler's result type, or <see langword="null"/> when it returns nothing.</summary>
    public abstract Type? ResultType { get; }

    /// <summary>Sends an untyped message; its result comes back boxed (<see langword="null"/> for no result).</summary>
    internal abstract ValueTask<object?> SendBoxedAsync(SessionHost host, SessionId id, object? message, CancellationToken cancellationToken);

    /// <summary>Sends an untyped message with a message id to <paramref name="session"/>; a repeated id is handled once.</summary>
    internal abstract ValueTask<object?> SendBoxedAsync(
        SessionContext session, SessionId id, object? message, MessageId messageId, CancellationToken cancellationToken);

    /// <summary>Runs a one-way message on the session's turn. Never throws: a failure follows the fault policy.</summary>
    internal abstract ValueTask RunOneWayAsync(SessionContext owner, object message);

    /// <inheritdoc/>
    public override string ToString() => $"{Process.ProtocolName}.{Name}";

    /// <summary>Remembers, in a reloaded durable session, that message <paramref name="messageId"/> was handled <paramref name="age"/> ago with the stored outcome.</summary>
    internal abstract void RestoreHandledId(SessionContext session, MessageId messageId, System.Text.Json.JsonElement stored, System.Text.Json.JsonSerializerOptions options, TimeSpan age);
}
