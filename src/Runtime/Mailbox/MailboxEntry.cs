using System.Runtime.CompilerServices;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// One slot of a session's queue: either a <see cref="MailboxItem"/> (an awaited message, a timeout, a marker)
/// or a one-way message with its operation, which needs no object of the runtime's own; a one-way message whose
/// handler takes one small argument carries that argument instead of its record (<see cref="OneWayArgument"/>), so it
/// needs no object at all. An empty slot (<see cref="IsEmpty"/>) is a message withdrawn or refused from the middle of
/// the queue.
/// </summary>
internal readonly struct MailboxEntry
{
    // The item, the one-way message, or (an argument carried in the slot) the operation itself: never null in a slot in
    // use, so one load tells an empty slot; the operation is never its own message, so it can mark the argument's case.
    private readonly object? payload;
    private readonly SessionOperation? oneWay;
    private readonly OneWayArgument argument;

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

    public MailboxEntry(SessionOperation operation, OneWayArgument argument)
    {
        payload = operation;
        oneWay = operation;
        this.argument = argument;
    }

    public bool IsEmpty => payload is null;

    /// <summary>The item, or null for a one-way message.</summary>
    // Unchecked: without an operation the payload is always an item (see the constructors).
    public MailboxItem? Item => oneWay is null ? Unsafe.As<MailboxItem>(payload) : null;

    /// <summary>The operation of a one-way message, or null for an item.</summary>
    public SessionOperation? OneWay => oneWay;

    /// <summary>True for a one-way message that carries its handler's argument instead of its record.</summary>
    public bool CarriesArgument => ReferenceEquals(payload, oneWay);

    /// <summary>The argument of a one-way message that <see cref="CarriesArgument"/>.</summary>
    public OneWayArgument Argument => argument;

    /// <summary>The one-way message's record, for an entry that does not carry its argument instead.</summary>
    public object Record => payload!;

    /// <summary>The one-way message itself (its record made now, when the entry carries its argument instead).</summary>
    public object Message => CarriesArgument ? oneWay!.RecordOf(argument) : payload!;

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
            session.Host.DeadLetters.Post(new DeadLetter(session.Id, oneWay.Name, Message, accepted));
        }
    }
}
