namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// Records the thread its handlers run on, can block until a test releases it, and can forward a value
/// along a chain of sessions: enough to see where and when a handler runs.
/// </summary>
[SessionProcess]
public partial class Relay
{
    private Relay.Client? next;

    [On("Open", StartsSession = true)]
    private int Open() => Environment.CurrentManagedThreadId;

    [On("Link")]
    private void Link(SessionHost host, SessionId next) => this.next = Connect(host, next);

    [On("WhereAmI")]
    private int WhereAmI() => Environment.CurrentManagedThreadId;

    /// <summary>Sets <paramref name="started"/>, then blocks until <paramref name="release"/> is set, or 30 s pass; true when released.</summary>
    [On("Block")]
    private bool Block(ManualResetEventSlim started, ManualResetEventSlim release)
    {
        started.Set();
        return release.Wait(TestHosts.Guard);
    }

    /// <summary>Passes <paramref name="hops"/> down the chain; the last session answers how many it saw.</summary>
    [On("Forward")]
    private async Task<int> Forward(int hops) => next is null ? hops : await next.ForwardAsync(hops + 1);
}
