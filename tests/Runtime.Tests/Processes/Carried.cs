namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// One-way messages that travel as their handler's argument (issue 16, <see cref="Infrastructure.OneWayArgument"/>):
/// a handler that takes the host's token, and one of each carried shape (none, a flag, a floating-point number).
/// </summary>
[SessionProcess]
public partial class Carried
{
    private readonly List<string> log = new();
    private TaskCompletionSource<int> parked = null!;

    [On("Open", StartsSession = true)]
    private void Open(TaskCompletionSource<int> parked) => this.parked = parked;

    [On("Park")]
    private async Task Park(int tag, CancellationToken cancellationToken)
    {
        parked.TrySetResult(tag);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [On("Ping")]
    private void Ping() => log.Add("ping");

    [On("Flag")]
    private void Flag(bool on) => log.Add(on ? "on" : "off");

    [On("Scale")]
    private void Scale(double factor) => log.Add(factor.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [On("Log")]
    private string[] Log() => log.ToArray();
}

/// <summary>A durable target of one-way messages that travel as their argument.</summary>
[SessionProcess(Durable = true)]
public partial class Tape
{
    private readonly List<int> values = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Push")]
    private int Push(int value)
    {
        values.Add(value);
        return values.Count;
    }

    [On("Values")]
    private int[] Values() => values.ToArray();
}
