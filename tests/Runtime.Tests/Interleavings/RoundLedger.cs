using System.Collections.Concurrent;

namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// Everything that happened to the messages and timeouts of one round, written from every thread: what the handlers
/// saw (from <see cref="InterleavedTurn"/>), what the senders were told, and the dead letters. <see cref="Invariants"/>
/// reads it once the round is over.
/// </summary>
public sealed class RoundLedger
{
    /// <summary>Workers plus the round's own final sender.</summary>
    public const int MaxSenders = 8;

    private readonly ConcurrentQueue<string> violations = new();

    internal RoundLedger(TimeProvider time, int messages, int timeouts)
    {
        Time = time;
        Messages = new MessageRecord[messages];
        for (int i = 0; i < messages; i++)
        {
            Messages[i] = new MessageRecord();
        }

        Timeouts = new TimeoutRecord[timeouts];
        for (int i = 0; i < timeouts; i++)
        {
            Timeouts[i] = new TimeoutRecord();
        }
    }

    /// <summary>The round's fake clock: stalled handlers wait on it.</summary>
    public TimeProvider Time { get; }

    internal MessageRecord[] Messages { get; }

    internal TimeoutRecord[] Timeouts { get; }

    internal IEnumerable<string> Violations => violations;

    /// <summary>What a handler returns for message <paramref name="id"/>: a sender that got another message's answer shows.</summary>
    public static int Answer(long id) => (int)(id * 7919 % 1_000_003);

    public void Violation(string what) => violations.Enqueue(what);

    public void Started(long id) => Interlocked.Increment(ref Messages[id].Started);

    public void Finished(long id) => Interlocked.Increment(ref Messages[id].Finished);

    public void GaveUp(long id) => Interlocked.Increment(ref Messages[id].GaveUp);

    public void Armed(long timeoutId, TimeoutHandle handle) => Volatile.Write(ref Timeouts[timeoutId].Handle, new StrongBoxHandle(handle));

    public void Rang(long timeoutId) => Interlocked.Increment(ref Timeouts[timeoutId].Ran);

    /// <summary>Cancels a timeout, if it was armed, from whichever thread calls (a handler, a worker) and records what Cancel said.</summary>
    public void CancelTimeout(long timeoutId)
    {
        if (Volatile.Read(ref Timeouts[timeoutId].Handle) is { } armed && armed.Handle.Cancel())
        {
            Interlocked.Increment(ref Timeouts[timeoutId].Stopped);
        }
    }

    /// <summary>A handle that can be published with one reference write (a <see cref="TimeoutHandle"/> is a struct).</summary>
    internal sealed record StrongBoxHandle(TimeoutHandle Handle);
}

/// <summary>One message's story. Counters are written with interlocked increments; the rest by its sender.</summary>
internal sealed class MessageRecord
{
    public int Started;
    public int Finished;
    public int GaveUp;
    public int DeadLetters;
    public DeadLetterReason? Letter;

    /// <summary>Null until the message is sent; then the step, whether it was posted one way, and to which process.</summary>
    public Step? Step;
    public bool IsPost;
    public bool IsStart;

    /// <summary>The session it went to (a start's, once it succeeded).</summary>
    public SessionId? Session;
    public InterleavedProcess? Process;

    /// <summary>The caller's token was (or may have been) cancelled: before sending, after, or by the fake clock.</summary>
    public bool CancelRequested;

    /// <summary>A one-way post: whether Post returned true.</summary>
    public bool Accepted;

    /// <summary>An awaited send: its answer, a result or an exception.</summary>
    public bool Answered;
    public int Result;
    public Exception? Error;

    public override string ToString() =>
        $"#{Step?.Id} {(IsPost ? (Accepted ? "posted" : "post refused") : IsStart ? "start" : "sent")} {Step?.Kind} from {Step?.Sender}/{Step?.Sequence}: "
        + $"started {Started}, finished {Finished}, gave up {GaveUp}, letters {DeadLetters} {Letter}, "
        + $"{(IsPost ? "" : Error is null ? $"answered {Result}" : $"told {Error.GetType().Name}")}{(CancelRequested ? ", cancelled" : "")}";
}

/// <summary>One timeout's story: ran, and how many Cancel calls returned true.</summary>
internal sealed class TimeoutRecord
{
    public RoundLedger.StrongBoxHandle? Handle;
    public int Ran;
    public int Stopped;
}
