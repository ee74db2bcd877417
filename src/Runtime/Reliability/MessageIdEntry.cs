using System.Runtime.ExceptionServices;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The first message a session was sent with one message id: its operation, whether the session accepted it and,
/// once known, its outcome. Only a handled message is remembered; one that never was frees its id, so a retry runs.
/// An id is its sender's: the same id from another caller names another message (<see cref="CallerId"/>).
/// </summary>
internal abstract class MessageIdEntry
{
    private readonly TaskCompletionSource<bool> settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MessageIdCache cache;
    private volatile bool accepted;

    private protected MessageIdEntry(MessageIdCache cache, MessageId messageId, string? callerId, SessionOperation operation)
    {
        this.cache = cache;
        MessageId = messageId;
        CallerId = callerId;
        Operation = operation;
    }

    public MessageId MessageId { get; }

    /// <summary>The id of the caller that sent it (null: anonymous); with <see cref="MessageId"/>, what a repeat must match.</summary>
    public string? CallerId { get; }

    /// <summary>The operation the id was first sent to; a repeat must name the same one.</summary>
    public SessionOperation Operation { get; }

    /// <summary>True once the session queued the message (it will be handled or dead-lettered), or handled it.</summary>
    public bool Accepted => accepted;

    /// <summary>Completes once the outcome is known: true when the message was handled, false when it never was.</summary>
    public Task<bool> Settled => settled.Task;

    public void MarkAccepted() => accepted = true;

    /// <summary>
    /// Whether a failure still means the handler ran: it threw (<see cref="SessionFaultedException"/>) or overran its
    /// time limit. Every other failure says the message was not carried out: refused (mailbox full, no session, host
    /// stopping, wrong operation), withdrawn or given up by its cancelled sender, expired, or not accepted by the protocol.
    /// </summary>
    public static bool MeansHandled(Exception error) => error is SessionFaultedException or HandlerTimeLimitExceededException;

    /// <summary>The message was never handled: forget the id (before waking the repeats, which then try again).</summary>
    public void NeverHandled()
    {
        cache.Forget(this);
        settled.TrySetResult(false);
    }

    private protected void Handled()
    {
        accepted = true;
        settled.TrySetResult(true);
    }
}

/// <summary>A <see cref="MessageIdEntry"/> of an operation whose handler returns <typeparamref name="TResult"/>.</summary>
internal sealed class MessageIdEntry<TResult> : MessageIdEntry
{
    private TResult? result;
    private ExceptionDispatchInfo? error;

    public MessageIdEntry(MessageIdCache cache, MessageId messageId, string? callerId, SessionOperation operation)
        : base(cache, messageId, callerId, operation)
    {
    }

    public void Succeeded(TResult value)
    {
        result = value;
        Handled();
    }

    public void Failed(Exception exception)
    {
        if (!MeansHandled(exception))
        {
            NeverHandled();
            return;
        }

        error = ExceptionDispatchInfo.Capture(exception);
        Handled();
    }

    /// <summary>What the first sender got, for a repeat once <see cref="MessageIdEntry.Settled"/> said it was handled.</summary>
    public TResult Outcome()
    {
        error?.Throw();
        return result!;
    }
}
