using SessionGen.Runtime.Tests.Processes;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Items 13b and 13c: what a message queued behind the drain gets, and when idleness starts.</summary>
public sealed class ShutdownAndIdleTests
{
    [Fact]
    public async Task A_message_that_would_queue_behind_the_drain_is_refused_as_the_host_stopping()
    {
        SessionHost host = TestHosts.Create(out _);
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        SessionContext context = host.RunningSessions.Single();

        ValueTask stopping = host.DisposeAsync();

        // A sender that found the session just before the host began to stop offers its message only now, when
        // the drain marker is already queued: it is not accepted, and its sender hears the host is stopping.
        var request = Request<Bounded, Bounded.Messages.Note, ValueTuple>.Rent(Bounded.SessionDefinition.NoteOperation, new Bounded.Messages.Note(1), default);
        request.AttachTo(context);
        Assert.Equal(EnqueueResult.Closed, context.TryPostMessage(request, mayRunInline: false));
        Assert.IsType<ObjectDisposedException>(host.EndedError(context.Id));
        Assert.Equal(EnqueueResult.Closed, context.TryPostOneWay(Bounded.SessionDefinition.NoteOperation, new Bounded.Messages.Note(2)));

        release.SetResult();
        await holding.Guarded();
        await stopping.AsTask().Guarded();
        Assert.Equal(0, host.DeadLetterCount);
    }

    [Fact]
    public async Task Idleness_counts_from_when_the_last_message_finished()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        LongRunner.Client session = await LongRunner.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task working = session.WorkAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        time.Advance(TimeSpan.FromSeconds(15));
        release.SetResult();
        await working.Guarded();

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("pong", await session.PingAsync().Guarded());
    }
}
