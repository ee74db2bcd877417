using System.Threading.Tasks.Sources;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>
/// The floor's request and its completion in one reusable object: an <see cref="IValueTaskSource{TResult}"/> over
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/>, continuations on the thread pool like SessionGen's.
/// </summary>
public sealed class PooledReply : IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> core = new() { RunContinuationsAsynchronously = true };
    private Action<PooledReply>? returnTo;

    /// <summary>The request's argument.</summary>
    public int Argument { get; private set; }

    /// <summary>Readies the object for one round trip; <paramref name="onReturn"/> takes it back once the caller has the result.</summary>
    public ValueTask<int> Prepare(int argument, Action<PooledReply> onReturn)
    {
        Argument = argument;
        returnTo = onReturn;
        return new ValueTask<int>(this, core.Version);
    }

    /// <summary>Completes the round trip.</summary>
    public void Reply(int result) => core.SetResult(result);

    /// <inheritdoc/>
    public int GetResult(short token)
    {
        try
        {
            return core.GetResult(token);
        }
        finally
        {
            core.Reset();
            returnTo?.Invoke(this);
        }
    }

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);
}
