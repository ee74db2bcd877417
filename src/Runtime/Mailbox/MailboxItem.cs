using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// One unit of work on a session's queue: a message or a fired timeout. Items link into the queue
/// themselves (no node allocation per message), doubly, so a cancelled item can leave from the middle.
/// </summary>
internal abstract class MailboxItem
{
    internal MailboxItem? Next;
    internal MailboxItem? Previous;
    internal ItemPlace Place;

    /// <summary>
    /// A timer entry's state (<see cref="TimerEntry.Pending"/>, …); unused by other items. It sits in the padding
    /// after <see cref="Place"/>, so it costs no space.
    /// </summary>
    internal int TimerState;

    /// <summary>The protocol states in which this item may run; held in the queue otherwise.</summary>
    internal virtual ulong AcceptedStates => SessionProtocol.AnyState;

    /// <summary>The states a handler run by this item may move the session to.</summary>
    internal virtual ulong TargetStates => 0;

    /// <summary>The operation or timeout name, for errors.</summary>
    internal virtual string Name => "timeout";

    /// <summary>True for a sender's message (it counts as activity for idle expiry); false for timeouts and markers.</summary>
    internal virtual bool IsMessage => false;

    /// <summary>When the item was posted (a <see cref="TimeProvider"/> timestamp), if the process needs it; else 0.</summary>
    internal virtual long PostedAt => 0;

    /// <summary>Runs on the session's turn. Never throws: a failure is recorded for <see cref="Complete"/>.</summary>
    internal abstract ValueTask RunAsync(SessionContext session);

    /// <summary>Tells whoever waits for this item how <see cref="RunAsync"/> went.</summary>
    internal abstract void Complete();

    /// <summary>True for a request sent with a message id (see <see cref="TryWriteHandledId"/>).</summary>
    internal virtual bool CarriesMessageId => false;

    /// <summary>
    /// A request sent with a message id writes the id and its outcome (for a durable session's record), when its handler
    /// ran; false for everything else.
    /// </summary>
    internal virtual bool TryWriteHandledId(System.Text.Json.Utf8JsonWriter json, System.Text.Json.JsonSerializerOptions options, string process, DateTimeOffset handledAt) => false;

    /// <summary>Belongs from now on to <paramref name="session"/>, a reloaded instance of the session it was queued on.</summary>
    internal virtual void MoveTo(SessionContext session)
    {
    }

    /// <summary>
    /// Its sender has cancelled (a request's token) while it was between two instances of its session (taken from what
    /// the first kept for the load, not yet queued on the second), where its withdrawal finds it in neither: answered
    /// now as that withdrawal would have answered it (a dead letter if it had been <paramref name="accepted"/>). False
    /// when its sender has not cancelled (or has no token).
    /// </summary>
    internal virtual bool TryAnswerCancelled(SessionContext session, bool accepted) => false;

    /// <summary>
    /// Whether its sender has cancelled (a request's token): read by a reloaded instance under its mailbox's gate as it
    /// requeues the item (<see cref="SessionContext.Repost"/>). A read, never a callback: no user code under the gate.
    /// </summary>
    internal virtual bool IsCancelled => false;

    /// <summary>Replaces the outcome <see cref="Complete"/> will report with <paramref name="failure"/> (a durable turn that could not be stored).</summary>
    internal virtual void FailOutcome(Exception failure)
    {
    }

    /// <summary>
    /// The item will never run: tells its sender why (<paramref name="answer"/>) and, for a message that had
    /// been accepted (<paramref name="reason"/> not null), files a dead letter.
    /// </summary>
    internal abstract void Reject(SessionContext session, Exception answer, DeadLetterReason? reason);
}
