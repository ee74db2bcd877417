using SessionGen.Runtime.Tests.Integration;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// A run of one-way messages shares one scope only while nobody listens to message telemetry (read once per run): with
/// a listener, each message of the run still reports its own measurement. In the telemetry collection, which runs alone,
/// so the listener sees only this test's sessions and no other test's run is slowed by it.
/// </summary>
[Collection(ProbeHosts.Collection)]
public sealed class OneWayRunTelemetryTests
{
    [Fact]
    public async Task With_a_metrics_listener_every_message_of_a_run_is_counted()
    {
        string process = Batched.SessionDefinition.Instance.ProtocolName;
        using var metrics = new MetricRecorder(process);
        await using SessionHost host = TestHosts.Create(out _);
        Batched.Client session = await Batched.StartAsync(host);

        await OneWayRunTests.QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostMark("a"));
            Assert.True(session.PostMark("b"));
            Assert.True(session.PostMark("c"));
        });

        Assert.Equal(["clean", "clean", "clean"], await session.LogAsync().Guarded());
        Assert.Equal(3, metrics.Sum("sessiongen.messages.handled", (SessionTelemetry.ProcessTag, process), (SessionTelemetry.OperationTag, "Mark"), (SessionTelemetry.OutcomeTag, "ok")));
    }
}
