using System.Collections.Concurrent;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// The hook behind SessionGen.Testing's AdvanceAsync (<see cref="TimeoutProbe"/>): after a fake clock's advance, a test
/// waits for the turns of the timeouts it made due, instead of guessing or sending a message as a barrier.
/// </summary>
public sealed class SettlingTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task WhenSettled_completes_only_once_the_turn_of_every_due_timeout_has_finished_across_its_awaits()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Settling.Client settling = await Settling.StartAsync(host).Guarded();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ConcurrentQueue<string>();
        await settling.ArmAsync("early", 100 * Ms, Task.CompletedTask, log).Guarded();
        await settling.ArmAsync("held", 200 * Ms, release.Task, log).Guarded();
        await settling.ArmAsync("late", 300 * Ms, Task.CompletedTask, log).Guarded();

        Assert.True(TimeoutProbe.WhenSettledAsync(host).IsCompleted, "nothing is due yet");
        time.Advance(200 * Ms);
        Task settled = TimeoutProbe.WhenSettledAsync(host);
        bool settledEarly = settled.IsCompleted;
        release.SetResult(); // also when the assertion below fails: the host's drain waits for the held handler

        Assert.False(settledEarly, "the held timeout's handler is still awaiting");
        await settled.Guarded();
        Assert.Equal(["ring:early", "ring:held"], log);
    }

    [Fact]
    public async Task NextDue_is_the_earliest_pending_timeout_and_PendingTimeouts_leaves_out_the_idle_watch()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Settling.Client settling = await Settling.StartAsync(host).Guarded();
        var log = new ConcurrentQueue<string>();
        Assert.Equal(TimeSpan.FromHours(1), TimeoutProbe.NextDue(host)); // the idle watch
        Assert.Equal(0, TimeoutProbe.PendingTimeouts(host, settling.Id));

        await settling.ArmAsync("b", 300 * Ms, Task.CompletedTask, log).Guarded();
        await settling.ArmAsync("a", 100 * Ms, Task.CompletedTask, log).Guarded();

        Assert.Equal(100 * Ms, TimeoutProbe.NextDue(host));
        Assert.Equal(2, TimeoutProbe.PendingTimeouts(host, settling.Id));
        Assert.Equal(3, host.PendingTimeoutCount); // the host's count has the idle watch too
        time.Advance(150 * Ms);
        await TimeoutProbe.WhenSettledAsync(host).Guarded();
        Assert.Equal(150 * Ms, TimeoutProbe.NextDue(host));
        Assert.Equal(1, TimeoutProbe.PendingTimeouts(host, settling.Id));
        Assert.Equal(["ring:a"], log);
    }

    [Fact]
    public async Task The_observer_hears_every_event_with_its_number_and_addressee()
    {
        var observer = new EventRecorder();
        await using var host = new SessionHost(new SessionHostOptions { Observer = observer });
        Settling.Client settling = await Settling.StartAsync(host).Guarded();

        await settling.TellAsync("ann", "hello").Guarded();

        Assert.Equal(
            [$"{settling.Id} #1 - to everyone: hello", $"{settling.Id} #2 ann to ann: hello"],
            observer.Events);
    }

    private sealed class EventRecorder : SessionObserver
    {
        private readonly ConcurrentQueue<string> events = new();

        public IEnumerable<string> Events => events;

        public override void EventEmitted(SessionId id, string process, SessionEvent @event) =>
            events.Enqueue($"{id} #{@event.Sequence} {@event.Participant ?? "-"} {@event.Payload}");
    }
}
