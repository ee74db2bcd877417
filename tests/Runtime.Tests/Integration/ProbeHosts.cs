using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>Hosts for <see cref="Probe"/>: a fake clock that is also the probe's constructor dependency.</summary>
internal static class ProbeHosts
{
    public static SessionHost Create(out FakeTimeProvider time, int eventReplayCapacity = 0, SessionObserver? observer = null)
    {
        time = new FakeTimeProvider();
        return new SessionHost(new SessionHostOptions
        {
            TimeProvider = time,
            Services = new ServiceMap(time),
            EventReplayCapacity = eventReplayCapacity,
            Observer = observer,
        });
    }

    /// <summary>The telemetry tests share process-wide listeners and one process name, so they never run at once.</summary>
    public const string Collection = "SessionGen telemetry";
}

[CollectionDefinition(ProbeHosts.Collection, DisableParallelization = true)]
public sealed class TelemetryCollection;
