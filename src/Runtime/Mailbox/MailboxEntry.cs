using System.Runtime.CompilerServices;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// One slot of a session's queue: either a <see cref="MailboxItem"/> (an awaited message, a timeout, a marker)
/// or a one-way message with its operation, which needs no object of the runtime's own. An empty slot
/// (<see cref="IsEmpty"/>) is a message withdrawn or refused from the middle of the queue.
/// </summary>
internal readonly struct MailboxEntry
{
    private readonly object? payload;
    private readonly SessionOperation? oneWay;

    public MailboxEntry(MailboxItem item)
    {
        payload = item;
        oneWay = null;
    }

    public MailboxEntry(SessionOperation operation, object message)
    {
        payload = message;
        oneWay = operation;
    }

    public bool IsEmpty => payload is null;

    /// <summary>The item, or null for a one-way message.</summary>
    // Unchecked: without an operation the payload is always an item (see the constructors).
    public MailboxItem? Item => oneWay is null ? Unsafe.As<MailboxItem>(payload) : null;

    /// <summary>The operation of a one-way message, or null for an item.</summary>
    public SessionOperation? OneWay => oneWay;

    /// <summary>The one-way message itself.</summary>
    public object Message => payload!;

    public ulong AcceptedStates => oneWay?.AcceptedStates ?? Unsafe.As<MailboxItem>(payload!).AcceptedStates;

    public ulong TargetStates => oneWay?.TargetStates ?? Unsafe.As<MailboxItem>(payload!).TargetStates;

    public string Name => oneWay?.Name ?? Unsafe.As<MailboxItem>(payload!).Name;

    public long PostedAt => oneWay is null ? Unsafe.As<MailboxItem>(payload!).PostedAt : 0;

    public bool Holds(MailboxItem item) => ReferenceEquals(payload, item);

    /// <summary>
    /// The entry will never run: an item tells its sender; a one-way message, which has no sender waiting,
    /// is filed as a dead letter when it had been accepted (<paramref name="reason"/> not null).
    /// </summary>
    public void Reject(SessionContext session, Exception answer, DeadLetterReason? reason)
    {
        if (oneWay is null)
        {
            Unsafe.As<MailboxItem>(payload!).Reject(session, answer, reason);
        }
        else if (reason is { } accepted)
        {
            session.Host.DeadLetters.Post(new DeadLetter(session.Id, oneWay.Name, payload!, accepted));
        }
    }
}
