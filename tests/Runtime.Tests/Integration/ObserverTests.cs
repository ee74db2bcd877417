using System.Collections.Concurrent;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>
/// A user's <see cref="SessionObserver"/>, set with <see cref="SessionHostOptions.Observer"/>, hears each session's start,
/// faults and end, in that order, with the process's name and the reason it ended.
/// </summary>
[Collection(ProbeHosts.Collection)]
public sealed class ObserverTests
{
    [Fact]
    public async Task The_observer_hears_start_fault_and_end()
    {
        var observer = new RecordingObserver();
        Probe.Client probe;
        Probe.Client stopped;
        await using (SessionHost host = ProbeHosts.Create(out _, observer: observer))
        {
            probe = await Probe.StartAsync(host).Guarded();
            await Assert.ThrowsAsync<SessionFaultedException>(() => probe.FailAsync().Guarded());
            stopped = await Probe.StartAsync(host).Guarded();
        }

        Assert.Equal(
            [$"started {probe.Id} Diagnostics.Probe", $"faulted {probe.Id} Fail", $"ended {probe.Id} Faulted Fail"],
            observer.Calls.Where(call => call.Contains(probe.Id.Value, StringComparison.Ordinal)));
        Assert.Equal(
            [$"started {stopped.Id} Diagnostics.Probe", $"ended {stopped.Id} HostStopping -"],
            observer.Calls.Where(call => call.Contains(stopped.Id.Value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_observer_that_throws_does_not_break_the_session()
    {
        await using SessionHost host = ProbeHosts.Create(out _, observer: new ThrowingObserver());

        Probe.Client probe = await Probe.StartAsync(host).Guarded();
        Assert.Equal(1, await probe.PingAsync(0).Guarded());
        await probe.StopAsync().Guarded();

        Assert.False(host.Contains(probe.Id));
    }

    private sealed class RecordingObserver : SessionObserver
    {
        private readonly ConcurrentQueue<string> calls = new();

        public IEnumerable<string> Calls => calls;

        public override void SessionStarted(SessionId id, string process) => calls.Enqueue($"started {id} {process}");

        public override void SessionEnded(SessionId id, string process, SessionEndReason reason, SessionFaultedException? fault) =>
            calls.Enqueue($"ended {id} {reason} {fault?.Operation ?? "-"}");

        public override void HandlerFaulted(SessionId id, string process, SessionFaultedException fault) =>
            calls.Enqueue($"faulted {id} {fault.Operation}");
    }

    private sealed class ThrowingObserver : SessionObserver
    {
        public override void SessionStarted(SessionId id, string process) => throw new InvalidOperationException("observer");

        public override void SessionEnded(SessionId id, string process, SessionEndReason reason, SessionFaultedException? fault) =>
            throw new InvalidOperationException("observer");
    }
}
