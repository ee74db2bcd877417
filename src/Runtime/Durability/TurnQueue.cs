namespace SessionGen;

/// <summary>
/// A lookup in the store (a session's load, a correlation key's owner) and the senders that wait for it, in the order
/// they came. Once it has finished the senders take turns: each queues its message, then lets the next one in
/// (<see cref="Leave"/>), so one sender's messages keep their order however the continuations are scheduled. It stays in
/// its host's table until the last of them has left; a sender that comes meanwhile waits behind them.
/// </summary>
/// <typeparam name="T">What the lookup finds.</typeparam>
internal abstract class TurnQueue<T>
{
    private readonly Queue<TaskCompletionSource<T>> waiting = new();
    private Task<T>? outcome;
    private bool turnTaken;
    private bool done;

    /// <summary>The last sender has left (or none came): the lookup leaves its host's table.</summary>
    protected abstract void Finished();

    /// <summary>Waits for the outcome and for this sender's turn; the caller must <see cref="Leave"/> once it has queued its message.</summary>
    public Task<T> Enter()
    {
        var turn = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiting)
        {
            // Only when nobody is in line: a sender that comes as the lookup finishes goes behind those already waiting.
            if (outcome is not null && !turnTaken && waiting.Count == 0)
            {
                turnTaken = true;
                Give(turn, outcome);
                return turn.Task;
            }

            waiting.Enqueue(turn);
        }

        return turn.Task;
    }

    /// <summary>
    /// <see cref="Enter"/>, then waits for the turn: entered at once (in call order), awaited with
    /// <paramref name="cancellationToken"/>. A sender that gives up while in line passes its turn on when it comes; one
    /// whose turn brings an exception has left already. Otherwise the caller must <see cref="Leave"/>.
    /// </summary>
    public Task<T> WaitTurnAsync(CancellationToken cancellationToken) => WaitTurnAsync(Enter(), cancellationToken);

    /// <summary>
    /// As <see cref="WaitTurnAsync(CancellationToken)"/>, for a sender that has entered already (<paramref name="turn"/>,
    /// from <see cref="Enter"/>): one that enters before it starts the lookup it waits for is in line however soon
    /// that finishes, and a turn that has come already is taken at once.
    /// </summary>
    public async Task<T> WaitTurnAsync(Task<T> turn, CancellationToken cancellationToken)
    {
        try
        {
            return await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !turn.IsCompleted)
        {
            _ = turn.ContinueWith(static (_, queue) => ((TurnQueue<T>)queue!).Leave(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        catch
        {
            Leave();
            throw;
        }
    }

    /// <summary>The lookup has finished (<paramref name="loaded"/> has its outcome or its exception): the first waiting sender goes.</summary>
    /// <remarks>
    /// The outcome is stored and the first sender let in under one hold of the lock: between two, a sender entering
    /// would see an outcome and a free turn and go ahead of those already waiting (HostileStoreTests saw orders 2, 1, 3).
    /// </remarks>
    public void Complete(Task<T> loaded) => PassTurn(taken: false, loaded);

    /// <summary>
    /// For the sender whose turn it is: the lookup was made again (what it found had gone meanwhile), and
    /// <paramref name="again"/> (finished or not: a turn given meanwhile comes once it has) is now the outcome those behind it get, in their turns.
    /// </summary>
    public void Replace(Task<T> again)
    {
        lock (waiting)
        {
            outcome = again;
        }
    }

    /// <summary>The sender whose turn it was has queued its message (or gave up): the next one goes.</summary>
    public void Leave() => PassTurn(taken: true, loaded: null);

    private void PassTurn(bool taken, Task<T>? loaded)
    {
        TaskCompletionSource<T>? next;
        lock (waiting)
        {
            if (loaded is not null)
            {
                outcome = loaded;
            }

            if (taken)
            {
                turnTaken = false;
            }

            if (turnTaken || !waiting.TryDequeue(out next))
            {
                if (!turnTaken && outcome is not null && !done)
                {
                    done = true;
                    Finished();
                }

                return;
            }

            turnTaken = true;
        }

        Give(next, outcome!);
    }

    private static void Give(TaskCompletionSource<T> turn, Task<T> loaded)
    {
        if (!loaded.IsCompleted)
        {
            // A reload still under way (Replace, by a sender that then gave up): the turn comes with its outcome.
            _ = loaded.ContinueWith(
                static (done, state) => Give((TaskCompletionSource<T>)state!, done), turn, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        if (loaded.IsFaulted)
        {
            turn.SetException(loaded.Exception!.InnerExceptions);
        }
        else if (loaded.IsCanceled)
        {
            // A lookup cancelled by its host stopping (the store honoured the token): reading its Result here would throw
            // out of the turn's hand-over, and nobody in line would ever get a turn.
            turn.SetCanceled();
        }
        else
        {
            turn.SetResult(loaded.Result);
        }
    }
}
