using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Enforces a process's <see cref="ExecutionMode"/> on one host: sequential processes start one session at a
/// time (starters wait their turn in order), a single process has at most one session.
/// </summary>
internal sealed class ExecutionGate
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private SessionContext? running;

    /// <summary>The live session of a single or sequential process, if any.</summary>
    public SessionContext? Running => Volatile.Read(ref running);

    public Task WaitForTurnAsync(CancellationToken cancellationToken) => turn.WaitAsync(cancellationToken);

    /// <summary>Claims the gate for a new session; false when a single process already runs one.</summary>
    public bool TryEnter(SessionContext session) => Interlocked.CompareExchange(ref running, session, null) is null;

    /// <summary>Frees the gate when <paramref name="session"/> ends (or never started; null when it was never made).</summary>
    public void Leave(SessionContext? session, bool releaseTurn)
    {
        if (session is not null)
        {
            Interlocked.CompareExchange(ref running, null, session);
        }

        if (releaseTurn)
        {
            turn.Release();
        }
    }
}
