using Orleans;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// Pulses <see cref="ClusterProgress"/> after every grain call a silo serves or the client makes, however it ends,
/// except the calls a waiting test makes to check its condition (<see cref="Checking"/>): those would wake it again
/// at once, and the wait would turn into a busy poll.
/// </summary>
internal sealed class ProgressCallFilter : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    private const string CheckKey = "sessiongen-tests-checking";

    /// <summary>Marks the calls made until the result is disposed (Orleans' request context flows to every call they cause).</summary>
    public static IDisposable Checking()
    {
        RequestContext.Set(CheckKey, true);
        return new CheckScope();
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (RequestContext.Get(CheckKey) is null)
            {
                ClusterProgress.Pulse();
            }
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (RequestContext.Get(CheckKey) is null)
            {
                ClusterProgress.Pulse();
            }
        }
    }

    private sealed class CheckScope : IDisposable
    {
        public void Dispose() => RequestContext.Remove(CheckKey);
    }
}
