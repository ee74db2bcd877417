using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>The SessionGen meter, read with a <see cref="System.Diagnostics.Metrics.MeterListener"/> as a collector would.</summary>
[Collection(ProbeHosts.Collection)]
public sealed class MetricsTests
{
    private const string Process = "Diagnostics.Probe";
    private static readonly (string, object?) OfProbe = (SessionTelemetry.ProcessTag, Process);

    [Fact]
    public async Task Sessions_started_and_ended_are_counted_with_their_reason()
    {
        using var metrics = new MetricRecorder(Process);
        await using SessionHost host = ProbeHosts.Create(out _);

        Probe.Client completed = await Probe.StartAsync(host).Guarded();
        Probe.Client faulted = await Probe.StartAsync(host).Guarded();
        await completed.StopAsync().Guarded();
        await Assert.ThrowsAsync<SessionFaultedException>(() => faulted.FailAsync().Guarded());

        Assert.Equal(2, metrics.Sum("sessiongen.sessions.started", OfProbe));
        Assert.Equal(1, metrics.Sum("sessiongen.sessions.ended", OfProbe, (SessionTelemetry.ReasonTag, "completed")));
        Assert.Equal(1, metrics.Sum("sessiongen.sessions.ended", OfProbe, (SessionTelemetry.ReasonTag, "faulted")));
    }

    [Fact]
    public async Task Handled_messages_are_counted_by_outcome_and_timed_on_the_hosts_clock()
    {
        using var metrics = new MetricRecorder(Process);
        await using SessionHost host = ProbeHosts.Create(out _);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();

        await probe.PingAsync(250).Guarded();
        await probe.PingAsync(1_500).Guarded();
        await Assert.ThrowsAsync<SessionFaultedException>(() => probe.FailAsync().Guarded());

        (string, object?) ping = (SessionTelemetry.OperationTag, "Ping");
        Assert.Equal(2, metrics.Sum("sessiongen.messages.handled", OfProbe, ping, (SessionTelemetry.OutcomeTag, "ok")));
        Assert.Equal(1, metrics.Sum("sessiongen.messages.handled", OfProbe, (SessionTelemetry.OperationTag, "Fail"), (SessionTelemetry.OutcomeTag, "faulted")));
        Assert.Equal([0.25, 1.5], metrics.Matching("sessiongen.handler.duration", OfProbe, ping).Select(static m => m.Value));
        Assert.Equal(1, metrics.Sum("sessiongen.messages.handled", OfProbe, (SessionTelemetry.OperationTag, "Open")));
    }

    [Fact]
    public async Task Active_sessions_and_queue_length_are_observed_when_a_collector_asks()
    {
        using var metrics = new MetricRecorder(Process);
        await using SessionHost host = ProbeHosts.Create(out _);
        Probe.Client busy = await Probe.StartAsync(host).Guarded();
        await Probe.StartAsync(host).Guarded();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        Task held = busy.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task<int> first = busy.PingAsync(0).AsTask();
        Task<int> second = busy.PingAsync(0).AsTask();

        Assert.Equal(2, metrics.Observe("sessiongen.sessions.active"));
        Assert.Equal(2, metrics.Observe("sessiongen.queue.length"));

        release.SetResult();
        await Task.WhenAll(held, first, second).Guarded();
        Assert.Equal(0, metrics.Observe("sessiongen.queue.length"));
    }

    [Fact]
    public async Task Timeouts_fired_and_dead_letters_are_counted()
    {
        using var metrics = new MetricRecorder(Process);
        await using SessionHost host = ProbeHosts.Create(out var time);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();
        await using SessionSubscription events = probe.Subscribe();

        await probe.RemindAsync(2).Guarded();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("reminded", (await events.ReadAsync().Guarded()).Payload);
        Assert.Equal(1, metrics.Sum("sessiongen.timeouts.fired", OfProbe));

        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Task ending = probe.HoldThenEndAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task<int> late = probe.PingAsync(0).AsTask();
        release.SetResult();
        await ending.Guarded();
        await Assert.ThrowsAsync<SessionNotFoundException>(() => late.Guarded());

        Assert.Equal(1, metrics.Sum(
            "sessiongen.dead_letters", OfProbe, (SessionTelemetry.OperationTag, "Ping"), (SessionTelemetry.ReasonTag, nameof(DeadLetterReason.SessionEnded))));
    }
}
