using SessionGen.Runtime.Tests.Processes;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Item 2: a time limit that fires late never touches a request that has moved on to another message.</summary>
public sealed class StaleTimeLimitTests
{
    [Fact]
    public async Task A_time_limit_armed_for_an_earlier_use_of_a_pooled_request_does_nothing()
    {
        await using SessionHost host = TestHosts.Create(out _);
        SlowButKept.Client session = await SlowButKept.StartAsync(host);
        SessionContext context = host.RunningSessions.Single();
        var operation = SlowButKept.SessionDefinition.QuickOperation;

        // An earlier use of the pooled object, whose time limit was armed for it: it goes back to this thread's pool.
        var first = Request<SlowButKept, SlowButKept.Messages.Quick, string>.Rent(operation, new SlowButKept.Messages.Quick(), default);
        int armedFor = first.Generation;
        first.Recycle();

        // The next use of the same object, still queued behind a held handler.
        var second = Request<SlowButKept, SlowButKept.Messages.Quick, string>.Rent(operation, new SlowButKept.Messages.Quick(), default);
        Assert.Same(first, second);
        second.AttachTo(context);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.StallAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        context.TryPostMessage(second, mayRunInline: false);
        var answer = new ValueTask<string>(second, second.Version).AsTask();

        // The first use's time limit fires late.
        second.OnTimeLimit(armedFor);

        Assert.False(answer.IsCompleted, "a stale time limit answered the request's next use");
        release.SetResult();
        await holding.Guarded();
        Assert.Equal("quick", await answer.Guarded());
        Assert.True(host.Contains(session.Id));
    }
}
