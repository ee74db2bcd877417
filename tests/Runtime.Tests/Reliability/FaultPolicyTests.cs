using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class FaultPolicyTests
{
    [Fact]
    public async Task With_KeepSession_a_fault_reaches_only_its_sender_and_the_session_carries_on()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Resilient.Client session = await Resilient.StartAsync(host);
        await using SessionSubscription events = session.Subscribe();

        var error = await Assert.ThrowsAsync<SessionFaultedException>(() => session.FailAsync("first").Guarded());
        Assert.Equal("first", error.InnerException!.Message);
        Assert.Equal(1, await session.CountAsync());
        await Assert.ThrowsAsync<SessionFaultedException>(() => session.FailAsync("second").Guarded());
        Assert.Equal(2, await session.CountAsync());

        Assert.True(host.Contains(session.Id));
        Assert.True(events.TryRead(out SessionEvent? first));
        Assert.Equal("fault: first", first.Payload);
        Assert.True(events.TryRead(out SessionEvent? second));
        Assert.Equal("fault: second", second.Payload);
    }

    [Fact]
    public async Task With_the_default_policy_the_fault_handler_has_its_last_word_and_the_session_ends()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Fragile.Client session = await Fragile.StartAsync(host);
        await using SessionSubscription events = session.Subscribe();

        await Assert.ThrowsAsync<SessionFaultedException>(() => session.FailAsync("boom").Guarded());

        Assert.False(host.Contains(session.Id));
        Assert.True(events.TryRead(out SessionEvent? lastWords));
        Assert.Equal("last words", lastWords.Payload);
        await Assert.ThrowsAsync<SessionFaultedException>(() => events.ToListAsync().AsTask().Guarded());
    }
}
