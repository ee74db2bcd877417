namespace SessionGen.Runtime.Tests;

/// <summary>
/// <see cref="DeadLetterSubscription.Dropped"/> counts letters that found the buffer full: a letter filed as the host's
/// disposal completes the subscription (the office's list read just before) is late, not dropped. The seeded
/// interleaving rounds found one counted as dropped (round 891 of seed 491989367).
/// </summary>
public sealed class DeadLetterSubscriptionTests
{
    [Fact]
    public async Task A_letter_delivered_after_the_subscription_completed_is_not_counted_as_dropped()
    {
        await using var host = new SessionHost();
        DeadLetterSubscription letters = host.SubscribeDeadLetters();

        letters.Complete();
        letters.Deliver(new DeadLetter(SessionId.New(), "Add", new object(), DeadLetterReason.HostStopping));

        Assert.Equal(0, letters.Dropped);
        Assert.False(letters.TryRead(out _));
    }

    [Fact]
    public async Task A_letter_that_finds_the_buffer_full_is_counted_as_dropped()
    {
        await using var host = new SessionHost();
        DeadLetterSubscription letters = host.SubscribeDeadLetters(capacity: 1);

        letters.Deliver(new DeadLetter(SessionId.New(), "Add", new object(), DeadLetterReason.SessionEnded));
        letters.Deliver(new DeadLetter(SessionId.New(), "Add", new object(), DeadLetterReason.SessionEnded));

        Assert.Equal(1, letters.Dropped);
    }
}
