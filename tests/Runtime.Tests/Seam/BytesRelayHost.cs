using System.Text.Json;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Seam;

/// <summary>
/// A host that is not a <see cref="SessionHost"/>: it carries every message and result as JSON bytes to a host that
/// runs the sessions, as a host over a network would. The typed client must work through it unchanged.
/// </summary>
internal sealed class BytesRelayHost(SessionHost inner, JsonSerializerOptions json) : ISessionHost
{
    private int calls;

    /// <summary>How many messages went through this host (none may bypass it).</summary>
    public int Calls => Volatile.Read(ref calls);

    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) =>
        BackAsync(message, inner.SendAsync(id, Across(message), cancellationToken));

    public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken) =>
        BackAsync(message, inner.SendAsync(id, Across(message), messageId, cancellationToken));

    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) =>
        BackAsync(message, inner.SendAsync(Across(message), cancellationToken));

    public bool Post(SessionId id, object message) => inner.Post(id, Across(message));

    public bool Post(SessionId id, object message, MessageId messageId) => inner.Post(id, Across(message), messageId);

    public SessionSubscription Subscribe(string process, SessionId id, string? participant) =>
        ((ISessionHost)inner).Subscribe(process, id, participant);

    public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken) =>
        inner.SubscribeAsync(process, id, participant, afterSequence, cancellationToken);

    private object Across(object message)
    {
        Interlocked.Increment(ref calls);
        SessionOperation operation = ((ISessionMessage)message).Operation;
        return operation.DeserializeMessage(operation.SerializeMessage(message, json), json);
    }

    private async ValueTask<object?> BackAsync(object message, ValueTask<object?> pending)
    {
        SessionOperation operation = ((ISessionMessage)message).Operation;
        object? result = await pending.ConfigureAwait(false);
        return operation.DeserializeResult(operation.SerializeResult(result, json), json);
    }
}
