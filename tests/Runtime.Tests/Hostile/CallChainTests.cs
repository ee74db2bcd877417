using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Item 5: a handler that awaits its own session, directly or through another, fails at once instead of hanging.</summary>
public sealed class CallChainTests
{
    [Fact]
    public async Task A_handler_awaiting_its_own_session_fails_at_once_and_the_session_keeps_working()
    {
        await using var host = new SessionHost();
        Caller.Client a = await Caller.StartAsync(host);

        var faulted = await Assert.ThrowsAsync<SessionFaultedException>(() => a.CallSelfAsync(host).Guarded());
        var cycle = Assert.IsType<CallCycleException>(faulted.InnerException);
        Assert.Equal([a.Id, a.Id], cycle.CallChain);
        Assert.Contains(a.Id.ToString(), cycle.Message);

        // The default fault policy ends the faulted session; a fresh one shows the process still works.
        Caller.Client again = await Caller.StartAsync(host);
        Assert.Equal(1, await again.PingAsync().Guarded());
    }

    [Fact]
    public async Task A_handler_that_catches_the_refusal_goes_on_and_so_does_its_session()
    {
        await using var host = new SessionHost();
        Caller.Client a = await Caller.StartAsync(host);

        Assert.Equal(nameof(CallCycleException), await a.TryCallSelfAsync(host).Guarded());
        Assert.Equal(1, await a.PingAsync().Guarded());
        Assert.Equal(nameof(CallCycleException), await a.TryCallSelfAsync(host).Guarded());
        Assert.Equal(2, await a.PingAsync().Guarded());
    }

    [Fact]
    public async Task A_cycle_through_another_session_names_the_chain()
    {
        await using var host = new SessionHost();
        Caller.Client a = await Caller.StartAsync(host);
        Caller.Client b = await Caller.StartAsync(host);

        var faulted = await Assert.ThrowsAsync<SessionFaultedException>(() => a.CallThroughAsync(host, b.Id).Guarded());
        SessionFaultedException inner = Assert.IsType<SessionFaultedException>(faulted.InnerException);
        var cycle = Assert.IsType<CallCycleException>(inner.InnerException);
        Assert.Equal([a.Id, b.Id, a.Id], cycle.CallChain);
    }

    [Fact]
    public async Task A_synchronous_handler_in_the_chain_is_seen_too()
    {
        await using var host = new SessionHost();
        Caller.Client a = await Caller.StartAsync(host);
        Caller.Client b = await Caller.StartAsync(host);

        Assert.Equal(nameof(CallCycleException), await a.CallThroughSyncAsync(host, b.Id).Guarded());
        Assert.Equal("sent", await b.SyncCallBackAsync(host, a.Id).Guarded()); // from outside any chain: a Ping is sent
        Assert.Equal(2, await a.PingAsync().Guarded());
    }

    [Fact]
    public async Task Posting_to_its_own_session_without_waiting_is_allowed()
    {
        await using var host = new SessionHost();
        Caller.Client a = await Caller.StartAsync(host);

        await a.PostSelfAsync(host).Guarded();
        Assert.Equal(2, await a.PingAsync().Guarded());
    }

    [Fact]
    public async Task Calls_from_outside_any_handler_are_not_cycles()
    {
        await using var host = new SessionHost();
        Caller.Client a = await Caller.StartAsync(host);
        Caller.Client b = await Caller.StartAsync(host);

        Assert.Equal(1, await a.CallBackAsync(host, b.Id).Guarded());
        Assert.Equal(1, await a.PingAsync().Guarded());
    }
}
