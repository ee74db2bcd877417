using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class MessageIdTests
{
    [Fact]
    public async Task A_repeated_message_id_is_not_handled_again_and_gets_the_first_result()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);

        Assert.Equal(5, await host.SendAsync(ledger.Id, new Ledger.Messages.Add(5), new MessageId("payment-1")));
        Assert.Equal(5, await host.SendAsync(ledger.Id, new Ledger.Messages.Add(5), new MessageId("payment-1")));
        Assert.Equal(12, await host.SendAsync(ledger.Id, new Ledger.Messages.Add(7), new MessageId("payment-2")));
        Assert.Equal(12, await ledger.TotalAsync());
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_id_are_handled_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);

        object?[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => host.SendAsync(ledger.Id, new Ledger.Messages.Add(3), new MessageId("same")).AsTask()))).Guarded();

        Assert.All(results, result => Assert.Equal(3, result));
        Assert.Equal(3, await ledger.TotalAsync());
    }

    [Fact]
    public async Task A_repeat_of_a_failed_message_gets_the_same_failure()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);

        var first = await Assert.ThrowsAsync<SessionFaultedException>(() => host.SendAsync(ledger.Id, new Ledger.Messages.Refuse(1), new MessageId("r")).AsTask());
        var repeat = await Assert.ThrowsAsync<SessionFaultedException>(() => host.SendAsync(ledger.Id, new Ledger.Messages.Refuse(1), new MessageId("r")).AsTask());
        Assert.Same(first, repeat);
    }

    [Fact]
    public async Task After_the_window_an_id_is_handled_anew()
    {
        SessionHost host = new(new SessionHostOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), DeduplicationWindow = TimeSpan.FromMinutes(1) });
        await using (host)
        {
            var time = (Microsoft.Extensions.Time.Testing.FakeTimeProvider)host.TimeProvider;
            Ledger.Client ledger = await Ledger.StartAsync(host);

            await host.SendAsync(ledger.Id, new Ledger.Messages.Add(1), new MessageId("tick"));
            time.Advance(TimeSpan.FromSeconds(59));
            await host.SendAsync(ledger.Id, new Ledger.Messages.Add(1), new MessageId("tick"));
            Assert.Equal(1, await ledger.TotalAsync());

            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(2, await host.SendAsync(ledger.Id, new Ledger.Messages.Add(1), new MessageId("tick")));
        }
    }
}
