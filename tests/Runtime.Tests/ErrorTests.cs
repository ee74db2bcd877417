using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task A_message_for_a_session_that_never_started_fails_with_SessionNotFoundException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client ghost = Chat.Connect(host, SessionId.New());

        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => ghost.SayAsync("hello").AsTask());
        Assert.Equal(ghost.Id, error.SessionId);
    }

    [Fact]
    public async Task A_message_for_an_ended_session_fails_with_SessionNotFoundException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        await chat.CloseAsync();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => chat.SayAsync("hello").AsTask());
        Assert.False(host.Contains(chat.Id));
    }

    [Fact]
    public async Task Messages_queued_behind_EndSession_fail_with_SessionNotFoundException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Hold the chat's turn so Close and Say queue up together behind it.
        Task holding = chat.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task close = chat.CloseAsync().AsTask();
        Task say = chat.SayAsync("too late").AsTask();
        release.SetResult();
        await holding.Guarded();

        await close.Guarded();
        await Assert.ThrowsAsync<SessionNotFoundException>(() => say.Guarded());
        Assert.Equal(1, host.DeadLetterCount);
    }

    [Fact]
    public async Task A_message_of_another_process_fails_with_UnknownOperationException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");

        var error = await Assert.ThrowsAsync<UnknownOperationException>(() => host.SendAsync(chat.Id, new Counter.Messages.Increment()).AsTask());
        Assert.Equal("Increment", error.Operation);
        Assert.Contains("Tests.Chat", error.Message);
    }

    [Fact]
    public async Task An_object_that_is_no_session_message_fails_with_UnknownOperationException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");

        await Assert.ThrowsAsync<UnknownOperationException>(() => host.SendAsync(chat.Id, "just a string").AsTask());
        await Assert.ThrowsAsync<UnknownOperationException>(() => host.SendAsync(chat.Id, "Dance", new Chat.Messages.Say("x")).AsTask());
    }

    [Fact]
    public async Task A_payload_that_does_not_fit_the_operation_fails_with_MessageTypeMismatchException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");

        var error = await Assert.ThrowsAsync<MessageTypeMismatchException>(() => host.SendAsync(chat.Id, "Say", new Chat.Messages.Echo("x")).AsTask());
        Assert.Equal(typeof(Chat.Messages.Say), error.ExpectedType);
        Assert.Equal(typeof(Chat.Messages.Echo), error.ActualType);
        Assert.Equal("x", await host.SendAsync(chat.Id, "Echo", new Chat.Messages.Echo("x")));
    }

    [Fact]
    public async Task A_handler_that_throws_faults_its_caller_and_ends_only_its_own_session()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client failing = await Chat.StartAsync(host, "doomed");
        Chat.Client healthy = await Chat.StartAsync(host, "fine");
        await using SessionSubscription events = failing.Subscribe();

        var error = await Assert.ThrowsAsync<SessionFaultedException>(() => failing.FailAsync("boom").AsTask());
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("boom", inner.Message);
        Assert.Equal("Fail", error.Operation);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => failing.EchoAsync("anyone?").AsTask());
        await Assert.ThrowsAsync<SessionFaultedException>(() => events.ToListAsync().AsTask().Guarded());
        Assert.Equal("still here", await healthy.EchoAsync("still here"));
    }

    [Fact]
    public async Task An_async_handler_that_throws_after_an_await_faults_its_caller()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "doomed");

        var error = await Assert.ThrowsAsync<SessionFaultedException>(() => chat.FailLaterAsync("late boom").AsTask().Guarded());
        Assert.Equal("late boom", error.InnerException!.Message);
        Assert.False(host.Contains(chat.Id));
    }
}
