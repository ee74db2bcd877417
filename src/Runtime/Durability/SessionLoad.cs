using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// One load of a stored session, and the senders that wait for it, in the order they came. Once the session is loaded
/// the senders take turns: each queues its message, then lets the next one in (<see cref="Leave"/>), so one sender's
/// messages keep their order however the continuations are scheduled. The load stays in the host's table until the last
/// of them has left; a sender that comes meanwhile, even one that would find the session registered, waits behind them.
/// </summary>
internal sealed class SessionLoad
{
    private readonly Queue<TaskCompletionSource<SessionContext?>> waiting = new();
    private readonly Action<SessionLoad> finished;
    private Task<SessionContext?>? outcome;
    private bool turnTaken;
    private bool done;

    public SessionLoad(SessionProcessDefinition definition, SessionId id, Action<SessionLoad> finished)
    {
        Definition = definition;
        Id = id;
        this.finished = finished;
    }

    /// <summary>The process whose record of <see cref="Id"/> this load reads.</summary>
    public SessionProcessDefinition Definition { get; }

    public SessionId Id { get; }

    /// <summary>Waits for the session and for this sender's turn; the caller must <see cref="Leave"/> once it has queued its message.</summary>
    public Task<SessionContext?> Enter()
    {
        var turn = new TaskCompletionSource<SessionContext?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiting)
        {
            if (outcome is not null && !turnTaken)
            {
                turnTaken = true;
                Give(turn, outcome);
                return turn.Task;
            }

            waiting.Enqueue(turn);
        }

        return turn.Task;
    }

    /// <summary>The load has finished (<paramref name="loaded"/> has its session, null, or its exception): the first waiting sender goes.</summary>
    public void Complete(Task<SessionContext?> loaded)
    {
        lock (waiting)
        {
            outcome = loaded;
        }

        PassTurn(taken: false);
    }

    /// <summary>The sender whose turn it was has queued its message (or gave up): the next one goes.</summary>
    public void Leave() => PassTurn(taken: true);

    private void PassTurn(bool taken)
    {
        TaskCompletionSource<SessionContext?>? next;
        lock (waiting)
        {
            if (taken)
            {
                turnTaken = false;
            }

            if (turnTaken || !waiting.TryDequeue(out next))
            {
                if (!turnTaken && outcome is not null && !done)
                {
                    done = true;
                    finished(this);
                }

                return;
            }

            turnTaken = true;
        }

        Give(next, outcome!);
    }

    private static void Give(TaskCompletionSource<SessionContext?> turn, Task<SessionContext?> loaded)
    {
        if (loaded.IsFaulted)
        {
            turn.SetException(loaded.Exception!.InnerExceptions);
        }
        else
        {
            turn.SetResult(loaded.Result);
        }
    }
}
