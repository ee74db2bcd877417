using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionGen.Hosting.Tests;

/// <summary>Session starts, ends and faults reach <c>ILogger</c> as structured entries under the category <c>SessionGen</c>.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Start_fault_and_end_are_logged_with_session_id_process_operation_and_reason()
    {
        var logs = new LogCollector();
        using IHost app = TestApps.Build(logs);
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();

        Greeter.Client faulted = await Greeter.StartAsync(host).Guarded();
        await Assert.ThrowsAsync<SessionFaultedException>(() => faulted.FailAsync().Guarded());
        Greeter.Client completed = await Greeter.StartAsync(host).Guarded();
        await completed.StopAsync().Guarded();
        await app.StopAsync().Guarded();

        LogCollector.Entry[] ofFaulted = Of(logs, faulted.Id);
        Assert.Equal(["SessionStarted", "HandlerFaulted", "SessionEnded"], ofFaulted.Select(static entry => entry.EventName));
        Assert.All(ofFaulted, static entry => Assert.Equal("Hosting.Greeter", entry.Fields["Process"]));
        LogCollector.Entry fault = ofFaulted[1];
        Assert.Equal(LogLevel.Error, fault.Level);
        Assert.Equal("Fail", fault.Fields["Operation"]);
        Assert.Equal("greeter failure", Assert.IsType<InvalidOperationException>(fault.Exception).Message);
        Assert.Equal(SessionEndReason.Faulted, ofFaulted[2].Fields["Reason"]);

        LogCollector.Entry[] ofCompleted = Of(logs, completed.Id);
        Assert.Equal(["SessionStarted", "SessionEnded"], ofCompleted.Select(static entry => entry.EventName));
        Assert.Equal(SessionEndReason.Completed, ofCompleted[1].Fields["Reason"]);
        Assert.Equal(LogLevel.Information, ofCompleted[1].Level);
        Assert.All(ofCompleted, static entry => Assert.Equal("SessionGen", entry.Category));
    }

    [Fact]
    public async Task The_applications_own_observer_still_hears_every_call_after_the_log()
    {
        var logs = new LogCollector();
        var observer = new RecordingObserver();
        using IHost app = TestApps.Build(logs, options => options.Observer = observer);
        await app.StartAsync().Guarded();
        SessionHost host = app.Services.GetRequiredService<SessionHost>();

        Greeter.Client faulted = await Greeter.StartAsync(host).Guarded();
        await Assert.ThrowsAsync<SessionFaultedException>(() => faulted.FailAsync().Guarded());
        await app.StopAsync().Guarded();

        Assert.Equal(
            [$"started {faulted.Id} Hosting.Greeter", $"faulted {faulted.Id} Hosting.Greeter Fail", $"ended {faulted.Id} Hosting.Greeter Faulted Fail"],
            observer.Calls);
        Assert.Equal(["SessionStarted", "HandlerFaulted", "SessionEnded"], Of(logs, faulted.Id).Select(static entry => entry.EventName));
    }

    private sealed class RecordingObserver : SessionObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> calls = new();

        public string[] Calls => calls.ToArray();

        public override void SessionStarted(SessionId id, string process) => calls.Enqueue($"started {id} {process}");

        public override void HandlerFaulted(SessionId id, string process, SessionFaultedException fault) =>
            calls.Enqueue($"faulted {id} {process} {fault.Operation}");

        public override void SessionEnded(SessionId id, string process, SessionEndReason reason, SessionFaultedException? fault) =>
            calls.Enqueue($"ended {id} {process} {reason} {fault?.Operation ?? "-"}");
    }

    private static LogCollector.Entry[] Of(LogCollector logs, SessionId id) =>
        logs.Entries.Where(entry => Equals(entry.Fields.GetValueOrDefault("SessionId"), id.Value)).ToArray();
}
