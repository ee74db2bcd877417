using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Item 1: a one-way post that says "not accepted" is never handled, and its request is never reused while it runs.</summary>
public sealed class OneWayRefusalTests
{
    [Fact]
    public async Task A_refused_post_to_a_full_waiting_mailbox_is_never_handled()
    {
        await using var host = new SessionHost();
        TimedOneWay.Client session = await TimedOneWay.StartAsync(host);
        const int Senders = 4;
        const int PostsEach = 20_000;
        int accepted = 0;

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < PostsEach; i++)
            {
                if (session.PostTick())
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        }))).Guarded();

        // Awaited last, so it runs after every accepted post (one sender's order; the others have all returned).
        int handled = await session.HandledAsync().Guarded();
        Assert.Equal(accepted, handled);
        Assert.True(host.Contains(session.Id), "a post must never fault the session");
        Assert.Equal(0, host.DeadLetterCount);
    }
}
