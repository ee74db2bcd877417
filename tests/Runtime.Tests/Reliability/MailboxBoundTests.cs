using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>The mailbox bound holds also while a turn runs a run of one-way messages it took, and when it puts the rest back.</summary>
public sealed class MailboxBoundTests
{
    [Fact]
    public async Task A_run_of_one_way_messages_the_turn_took_keeps_its_places_so_putting_it_back_never_exceeds_the_capacity()
    {
        await using var host = new SessionHost();
        BoundedRun.Client session = await BoundedRun.StartAsync(host);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int accepted = 0;
        int acceptedDuringRun = 0;

        // The turn waits in the first Pause while Run, a second Pause and two notes fill the mailbox (capacity 4).
        Assert.True(session.PostPause(firstStarted, firstRelease.Task));
        await firstStarted.Task.Guarded();
        Assert.True(session.PostRun(() =>
        {
            // The turn has taken Run, the second Pause and both notes as one run: three of them are not run yet.
            for (int i = 0; i < BoundedRun.Capacity; i++)
            {
                acceptedDuringRun += session.PostNote() ? 1 : 0;
            }
        }));
        Assert.True(session.PostPause(secondStarted, secondRelease.Task));
        accepted += session.PostNote() ? 1 : 0;
        accepted += session.PostNote() ? 1 : 0;
        Assert.Equal(2, accepted);
        Assert.False(session.PostNote()); // full
        firstRelease.SetResult();

        // The second Pause awaits: the turn put the two notes it had taken back in front of what Run posted.
        await secondStarted.Task.Guarded();
        int queued = host.GetQueueLength(session.Id);
        secondRelease.SetResult();

        Assert.True(queued <= BoundedRun.Capacity, $"{queued} messages queued in a mailbox of {BoundedRun.Capacity}");
        Assert.Equal(1, acceptedDuringRun); // three places were the taken run's, one was Run's own
        Assert.Equal(accepted + acceptedDuringRun, await session.NotesAsync().Guarded()); // nothing accepted is lost
    }
}
