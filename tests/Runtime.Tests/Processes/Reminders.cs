namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Named timeouts of every shape: no parameter, two, an async one with a token, one with a result.</summary>
[SessionProcess]
public partial class Reminders
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Plan")]
    private TimeoutHandle Plan(string kind, TimeSpan delay) => kind switch
    {
        "ping" => SchedulePing(delay),
        "note" => ScheduleNote(delay, "tea", 2),
        "fetch" => ScheduleFetch(delay, "mail"),
        "count" => ScheduleCount(delay, 7),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such reminder."),
    };

    [On("Log")]
    private string[] Log() => log.ToArray();

    [OnTimeout("Ping")]
    private void Ping() => log.Add("ping");

    [OnTimeout("Note")]
    private void Note(string text, int times) => log.Add($"note:{text}x{times}");

    [OnTimeout("Fetch")]
    private async Task Fetch(string what, CancellationToken cancellationToken)
    {
        await Task.Yield();
        log.Add($"fetched:{what}:{cancellationToken.CanBeCanceled}");
    }

    [OnTimeout("Count")]
    private ValueTask<int> Count(int n)
    {
        log.Add($"count:{n}");
        return new ValueTask<int>(n);
    }
}
