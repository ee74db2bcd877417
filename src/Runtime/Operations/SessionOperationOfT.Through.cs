using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace SessionGen.Infrastructure;

/// <summary>
/// The typed client on a host that does not run its sessions in this process (<see cref="ISessionHost"/> other than
/// <see cref="SessionHost"/>): the message goes through the host's untyped members, and the boxed result comes back typed.
/// </summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    private static ValueTask<TResult> SendThroughAsync(SessionClient client, TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Typed(client.Host.SendAsync(client.Id, message, cancellationToken));
    }

    private static ValueTask<TResult> SendThroughAsync(SessionClient client, TMessage message, MessageId messageId, CancellationToken cancellationToken) =>
        Typed(client.Host.SendAsync(client.Id, message!, messageId, cancellationToken));

    private static ValueTask<TResult> Typed(ValueTask<object?> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            return TypedAsync(pending);
        }

        // A result that is not a TResult fails the call, as it would after an await: a send never throws at its caller.
        try
        {
            return new ValueTask<TResult>(Cast(pending.Result));
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(exception);
        }
    }

    /// <remarks>
    /// Resumes on the caller's task scheduler when it has one of its own and no synchronization context (an Orleans
    /// grain's activation): the caller's own await goes back there anyway, and resuming here on the thread pool first
    /// cost two thread hops per call (to the pool, then back). A synchronization context (a UI thread) is resumed on
    /// only when the caller's await asks for it. No async method: a <see cref="TypedReply"/> waits on the host's answer,
    /// so a call costs no state machine.
    /// </remarks>
    private static ValueTask<TResult> TypedAsync(ValueTask<object?> pending) => TypedReply.Of(pending);

    /// <summary>
    /// A typed answer still on its way, as the <see cref="ValueTask{TResult}"/> the caller awaits: it waits on the host's
    /// untyped one (on the caller's task scheduler, or its synchronization context when the caller's await asks for it;
    /// with the caller's execution context) and casts the result when the caller reads it. Kept per thread and used
    /// again once its result is read.
    /// </summary>
    private sealed class TypedReply : IValueTaskSource<TResult>
    {
        [ThreadStatic]
        private static TypedReply? cached;

        private readonly Action resume;
        private ValueTask<object?> pending;
        private int waiting; // 1 from Of until its result is read: the one read, under Interlocked
        private Action<object?>? continuation;
        private object? continuationState;
        private int resumed; // 1 once the registered continuation has been called: the object may then be reused
        private short version;

        private TypedReply() => resume = Resume;

        public static ValueTask<TResult> Of(ValueTask<object?> pending)
        {
            TypedReply reply = cached ?? new TypedReply();
            cached = null;
            reply.pending = pending;
            reply.resumed = 0;
            reply.waiting = 1;
            return new ValueTask<TResult>(reply, reply.version);
        }

        public ValueTaskSourceStatus GetStatus(short token)
        {
            // Only the token: a continuation whose answer another consumer read asks for the status before the result
            // (ValueTask's AsTask does, outside its try), and must be refused by GetResult, not crash its thread.
            if (token != version)
            {
                throw UsedAfterRead();
            }
            return !pending.IsCompleted ? ValueTaskSourceStatus.Pending
                : pending.IsCompletedSuccessfully ? ValueTaskSourceStatus.Succeeded
                : pending.IsCanceled ? ValueTaskSourceStatus.Canceled
                : ValueTaskSourceStatus.Faulted;
        }

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        {
            CallTimeline.Mark(22);
            Check(token);

            // One continuation per answer, as ManualResetValueTaskSourceCore allows: a second consumer (awaiting the same
            // ValueTask again, or .AsTask() twice) would take the first one's place, and the first would wait for ever.
            // Kept until the result is read, so a consumer that comes after the first resumed is refused too.
            if (Interlocked.CompareExchange(ref this.continuation, continuation, null) is not null)
            {
                throw new InvalidOperationException("A send's ValueTask was awaited more than once: await it (or call AsTask) once only.");
            }

            continuationState = state;
            // On the caller's task scheduler whenever it has no synchronization context, also when it asked for none
            // (.AsTask(), ConfigureAwait(false)) as the async method here did: in a grain the reply then reaches the
            // activation once, not through the thread pool first.
            bool onCallersScheduler = SynchronizationContext.Current is null || (flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0;
            ConfiguredValueTaskAwaitable<object?>.ConfiguredValueTaskAwaiter awaiter = pending.ConfigureAwait(onCallersScheduler).GetAwaiter();
            if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0)
            {
                awaiter.OnCompleted(resume);
            }
            else
            {
                awaiter.UnsafeOnCompleted(resume);
            }
        }

        public TResult GetResult(short token)
        {
            Check(token);

            // Two consumers reading at once (one blocking, one awaiting): the second is refused, not handed a cleared answer.
            if (Interlocked.Exchange(ref waiting, 0) == 0)
            {
                throw UsedAfterRead();
            }

            ValueTask<object?> done = pending;
            if (!done.IsCompleted)
            {
                // A caller that blocks on the call (sync over async) asks before the answer is there: it waits for it,
                // unless another consumer awaits it already (misuse, refused: its continuation keeps the answer).
                if (Volatile.Read(ref continuation) is not null)
                {
                    Volatile.Write(ref waiting, 1);
                    throw new InvalidOperationException("A send's ValueTask was awaited and read at once: await it (or call AsTask) once only.");
                }

                // Not reused: a continuation registered from here on still runs when the answer comes, and must find
                // this object as it is (it is then refused: the result was read).
                return Cast(done.AsTask().GetAwaiter().GetResult());
            }

            // Reused only when no continuation is left to run: one registered and not yet called (a second consumer
            // read the answer first) would otherwise call another call's continuation, or none.
            if (Volatile.Read(ref continuation) is null || Volatile.Read(ref resumed) == 1)
            {
                pending = default;
                continuation = null;
                continuationState = null;
                version++;
                cached = this; // read once: nothing refers to this answer any more
            }

            return Cast(done.GetAwaiter().GetResult());
        }

        private void Resume()
        {
            // The continuation stays registered until the result is read (GetResult clears it): see OnCompleted.
            Action<object?> next = continuation!;
            object? state = continuationState;
            Volatile.Write(ref resumed, 1);
            next(state);
        }

        private static InvalidOperationException UsedAfterRead() => new("A send's ValueTask was used after its result was read.");

        private void Check(short token)
        {
            if (token != version || Volatile.Read(ref waiting) == 0)
            {
                throw UsedAfterRead();
            }
        }
    }

    // An operation without a result answers null: its TResult is the ValueTuple marker.
    private static TResult Cast(object? result) =>
        result is null && typeof(TResult) == typeof(ValueTuple) ? default! : (TResult)result!;
}
