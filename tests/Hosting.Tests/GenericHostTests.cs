using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Hosting.Tests;

/// <summary><c>services.AddSessionGen()</c> in an application built with the generic host.</summary>
public sealed class GenericHostTests
{
    [Fact]
    public async Task The_app_starts_the_host_and_sessions_take_their_dependencies_from_its_services()
    {
        var logs = new LogCollector();
        using IHost app = TestApps.Build(logs);
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();

        Greeter.Client greeter = await Greeter.StartAsync(host).Guarded();

        Assert.Equal("hello, ann", await greeter.GreetAsync("ann").Guarded());
        Assert.Same(app.Services.GetRequiredService<TimeProvider>(), host.TimeProvider);
        Assert.IsType<FakeTimeProvider>(host.TimeProvider);
        Assert.Contains(logs.Entries, entry => entry.Category.EndsWith(nameof(Greeter), StringComparison.Ordinal) && entry.Message == "greeting ann");
        await app.StopAsync().Guarded();
    }

    [Fact]
    public async Task Stopping_the_app_finishes_the_messages_in_flight_and_refuses_new_ones()
    {
        using IHost app = TestApps.Build(new LogCollector());
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();
        Greeter.Client greeter = await Greeter.StartAsync(host).Guarded();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Task<string> inFlight = greeter.WorkAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task<string> queued = greeter.GreetAsync("queued").AsTask();

        Task stopping = app.StopAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => greeter.GreetAsync("late").Guarded());
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.Guarded();
        Assert.Equal("done", await inFlight.Guarded());
        Assert.Equal("hello, queued", await queued.Guarded());
        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task When_the_shutdown_deadline_passes_sessions_end_and_their_queued_messages_are_dead_lettered()
    {
        var logs = new LogCollector();
        using IHost app = TestApps.Build(logs, options => options.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();
        Greeter.Client greeter = await Greeter.StartAsync(host).Guarded();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Task<string> inFlight = greeter.WorkAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task<string> queued = greeter.GreetAsync("queued").AsTask();
        using var deadline = new CancellationTokenSource();

        Task stopping = app.StopAsync(deadline.Token);
        Assert.False(stopping.IsCompleted);
        deadline.Cancel();

        await stopping.Guarded();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.Guarded());
        Assert.Equal(1, host.DeadLetterCount);
        Assert.Contains(logs.Entries, entry => entry.EventName == "DeadLetter"
            && Equals(entry.Fields["Operation"], "Greet")
            && Equals(entry.Fields["Reason"], DeadLetterReason.HostStopping));
        release.SetResult();
        Assert.Equal("done", await inFlight.Guarded());
    }

    [Fact]
    public async Task A_dead_letter_filed_by_a_handler_that_outlived_the_applications_deadline_is_logged()
    {
        // review-reliability6: the application's own deadline (the token of StopAsync) ends the sessions; a one-way
        // handler still running then gives up on the stopping token, and its message is a dead letter (bug 4). The
        // hosted service's log gave up on its subscription at once (the deadline had passed), so it never logged it.
        var logs = new LogCollector();
        using IHost app = TestApps.Build(logs, options => options.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();
        Greeter.Client greeter = await Greeter.StartAsync(host).Guarded();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Assert.True(greeter.PostLinger(started, release.Task));
        await started.Task.Guarded();
        using var deadline = new CancellationTokenSource();

        Task stopping = app.StopAsync(deadline.Token);
        deadline.Cancel();
        await stopping.Guarded();
        release.SetResult(); // the handler gives up on the stopping token: its message is dead-lettered now

        Assert.True(SpinWait.SpinUntil(() => host.DeadLetterCount == 1, TestApps.Guard));
        Assert.True(
            SpinWait.SpinUntil(() => logs.Entries.Any(entry => entry.EventName == "DeadLetter" && Equals(entry.Fields["Operation"], "Linger")), TestApps.Guard),
            "the dead letter filed after the application's deadline was never logged");
    }

    [Fact]
    public async Task A_missing_dependency_is_named_when_a_session_starts()
    {
        using IHost app = TestApps.Build(new LogCollector(), registerGreeting: false);
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Greeter.StartAsync(host).Guarded());

        Assert.Contains(typeof(IGreeting).FullName!, error.Message);
        Assert.Contains("'greeting'", error.Message);
        await app.StopAsync().Guarded();
    }

    [Fact]
    public async Task Options_from_several_calls_apply_in_order_and_the_host_is_one_singleton()
    {
        var logs = new LogCollector();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSessionGen(options => options.EventReplayCapacity = 8);
        builder.Services.AddSessionGen(options => options.EventReplayCapacity *= 2);
        using IHost app = builder.Build();

        SessionHost host = app.Services.GetRequiredService<SessionHost>();

        Assert.Same(host, app.Services.GetRequiredService<SessionHost>());
        Assert.Equal(16, host.EventReplayCapacity);
        Assert.Single(app.Services.GetServices<IHostedService>());
        await app.StartAsync().Guarded();
        await app.StopAsync().Guarded();
    }
}
