using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Protocol;

public sealed class ExecutionModeTests
{
    [Fact]
    public async Task Sequential_a_new_starter_waits_until_the_current_session_ends()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Turnstile.Client ann = await Turnstile.StartAsync(host, "ann");
        Task<Turnstile.Client> bob = Turnstile.StartAsync(host, "bob").AsTask();

        // Round trips to the first session are barriers: after them the second starter still waits.
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal("pong", await ann.PingAsync().Guarded());
        }

        Assert.False(bob.IsCompleted);
        Assert.Equal(1, host.SessionCount);

        await ann.LeaveAsync().Guarded();
        Turnstile.Client bobInside = await bob.Guarded();
        Assert.False(host.Contains(ann.Id));
        Assert.True(host.Contains(bobInside.Id));
        Assert.Equal(1, host.SessionCount);
    }

    [Fact]
    public async Task Single_one_session_per_host_reached_without_an_id()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Registry.Client registry = await Registry.StartAsync(host);

        await Assert.ThrowsAsync<SessionAlreadyExistsException>(() => Registry.StartAsync(host).AsTask());
        Assert.Equal(1, await host.SendAsync(new Registry.Messages.Register("a")));
        Assert.Equal(2, await host.SendAsync(new Registry.Messages.Register("b")));

        await registry.ShutdownAsync();
        await Assert.ThrowsAsync<SessionNotFoundException>(() => host.SendAsync(new Registry.Messages.Register("c")).AsTask());
        await Registry.StartAsync(host); // free again once it has ended
    }

    [Fact]
    public async Task Concurrent_is_the_default_many_sessions_of_one_process_at_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Counter.Client[] counters = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Counter.StartAsync(host).AsTask()));

        Assert.Equal(10, host.SessionCount);
        Assert.Equal(10, counters.Select(c => c.Id).Distinct().Count());
    }
}
