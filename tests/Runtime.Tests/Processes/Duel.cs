namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Timeouts that cancel one another when they run: what each <c>Cancel()</c> said, and which ones ran.</summary>
[SessionProcess]
public partial class Duel
{
    private readonly List<string> log = new();
    private readonly Dictionary<string, TimeoutHandle> handles = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Schedules <paramref name="label"/>, which cancels <paramref name="victim"/> when it runs.</summary>
    [On("Arm")]
    private void Arm(string label, string victim, TimeSpan delay) => handles[label] = ScheduleStrike(delay, label, victim);

    [On("Log")]
    private string[] Log() => log.ToArray();

    [OnTimeout("Strike")]
    private void Strike(string label, string victim)
    {
        log.Add(label);
        log.Add($"{label} cancelled {victim}: {handles[victim].Cancel()}");
    }
}
