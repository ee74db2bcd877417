namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// A session watched for an hour of idleness that also holds timeouts of its own, far away, when it ends: what an
/// ended session leaves in the host's timer wheel.
/// </summary>
[SessionProcess(IdleTimeoutSeconds = 3600)]
public partial class Lingering
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>A named and an anonymous timeout, an hour away; their handles, to cancel once the session has ended.</summary>
    [On("Plan")]
    private TimeoutHandle[] Plan() => [ScheduleRemind(TimeSpan.FromHours(1)), After(TimeSpan.FromHours(2), () => { })];

    [On("Close")]
    private void Close() => EndSession();

    [OnTimeout("Remind")]
    private void Remind()
    {
    }
}
