using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A stored session's wake-up falls due while a session of another process runs under the same id (ids a client chose):
/// the wake-up must not take that session for its own and give up, or the stored session's timeout never fires until
/// some message happens to load it.
/// </summary>
public sealed class ForeignWakeUpTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_wake_up_that_meets_another_process_s_session_under_the_id_is_re_armed_and_fires_once_that_one_has_left()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        SessionId id = journal.Id;
        await journal.RemindInAsync("later", 30).Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        await second.RecoverAsync().Guarded();

        // Another process's session takes the id before the journal's wake-up is due.
        await ((ISessionHost)second).SendAsync(id, new Fleeting.Messages.Open(), CancellationToken.None).Guarded();
        hosts.Time.Advance(30 * Second);
        Assert.False(second.Find(id, out _)!.IsDurable);

        await ((ISessionHost)second).SendAsync(id, new Fleeting.Messages.Close(), CancellationToken.None).Guarded();
        await WaitUntilGoneAsync(second, id);

        // No message for the journal: its wake-up alone brings it back, and its overdue timeout runs.
        for (int tick = 0; tick < 10 && !second.Contains(id); tick++)
        {
            hosts.Time.Advance(Second);
        }

        Assert.True(second.Contains(id));
        Assert.True(second.Find(id, out _)!.IsDurable);
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));
        await using SessionSubscription events = second.Subscribe(id, participant: null, afterSequence: 0, out _);
        await using IAsyncEnumerator<SessionEvent> next = events.GetAsyncEnumerator();
        Assert.True(await next.MoveNextAsync().AsTask().Guarded());
        Assert.Equal(new Reminded("later"), next.Current.Payload);
    }

    // The ended session leaves the registry on its own turn's thread, just after the caller has its answer.
    private static Task WaitUntilGoneAsync(SessionHost host, SessionId id) =>
        Task.Run(async () =>
        {
            while (host.Contains(id))
            {
                await Task.Yield();
            }
        }).Guarded();
}
