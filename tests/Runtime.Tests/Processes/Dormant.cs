namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// A durable process no test touches by its class: only <c>DurableRegistrationTests</c> uses it, through a stored record
/// and its protocol name, as a freshly started application meets its stored sessions.
/// </summary>
[SessionProcess("Durability.Dormant", Durable = true)]
public partial class Dormant
{
    private int rang;

    [On("Arm", StartsSession = true)]
    private void Arm(int seconds) => ScheduleRing(TimeSpan.FromSeconds(seconds));

    [OnTimeout("Ring")]
    private void Ring() => rang++;

    [On("Rang")]
    private int Rang() => rang;
}
