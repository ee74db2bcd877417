using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>Idle durable sessions leave memory and come back on demand, with their state and their timeouts.</summary>
public sealed class PassivationTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task An_idle_durable_session_leaves_memory_and_its_next_message_brings_it_back_whole()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start(passivateAfter: Minute);
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();

        hosts.Time.Advance(Minute - TimeSpan.FromMilliseconds(1));
        Assert.True(host.Contains(journal.Id)); // not idle for PassivateAfter yet
        hosts.Time.Advance(Minute / 4);

        Assert.False(host.Contains(journal.Id));
        Assert.Equal(0, host.SessionCount);
        Assert.Equal(7, await journal.AddAsync("cake", 4).Guarded());
        Assert.True(host.Contains(journal.Id));
    }

    [Fact]
    public async Task A_session_that_keeps_receiving_messages_stays_in_memory()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start(passivateAfter: Minute);
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        for (int i = 0; i < 10; i++)
        {
            hosts.Time.Advance(Minute / 2);
            await journal.NoteAsync($"n{i}").Guarded();
            Assert.True(host.Contains(journal.Id));
        }
    }

    [Fact]
    public async Task A_subscribed_session_stays_in_memory()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start(passivateAfter: Minute);
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await using SessionSubscription events = journal.Subscribe();

        hosts.Time.Advance(10 * Minute);

        Assert.True(host.Contains(journal.Id));
    }

    [Fact]
    public async Task A_passivated_sessions_timeout_brings_it_back_when_due_and_fires_once()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start(passivateAfter: Minute);
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.RemindInAsync("tea time", 600).Guarded();

        hosts.Time.Advance(2 * Minute);
        Assert.False(host.Contains(journal.Id));
        hosts.Time.Advance(8 * Minute);
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(["reminder:tea time"], await journal.EntriesAsync().Guarded());
        hosts.Time.Advance(30 * Minute);
        Assert.Equal(["reminder:tea time"], await journal.EntriesAsync().Guarded());
    }

    [Fact]
    public async Task Senders_racing_passivation_have_every_message_applied_exactly_once()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start(passivateAfter: TimeSpan.FromMilliseconds(4));
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        const int Senders = 4;
        const int Each = 300;
        using var done = new CancellationTokenSource();

        // The clock runs on its own thread, passivating the session whenever it is idle for a few ticks.
        Task clock = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                hosts.Time.Advance(TimeSpan.FromMilliseconds(1));
                Thread.Yield();
            }
        });
        Task[] senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < Each; i++)
            {
                Journal.Client client = Journal.Connect(host, journal.Id);
                if (i % 3 == 0)
                {
                    Assert.True(await client.PostNoteAsync($"{s}:{i}"));
                }
                else
                {
                    await client.NoteAsync($"{s}:{i}");
                }
            }

            await Journal.Connect(host, journal.Id).NoteAsync($"{s}:end");
        })).ToArray();

        await Task.WhenAll(senders).Guarded();
        done.Cancel();
        await clock.Guarded();

        string[] entries = await journal.EntriesAsync().Guarded();
        Assert.Equal(Senders * (Each + 1), entries.Length);
        Assert.Equal(entries.Length, entries.Distinct().Count());
        Assert.Equal(0, host.DeadLetterCount);
    }
}
