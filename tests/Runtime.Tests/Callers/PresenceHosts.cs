using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Runtime.Tests.Callers;

/// <summary>Hosts for presence tests: a fake clock and a known grace period.</summary>
internal static class PresenceHosts
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static SessionHost Create(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider();
        return new SessionHost(new SessionHostOptions { TimeProvider = time, ParticipantLeftGrace = Grace });
    }
}
