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

/// <summary>
/// Edge values of every carried shape, two operations of one argument type, a handler that throws on its argument under
/// a fault policy that keeps the session, and an [OnFault] handler that reports it.
/// </summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class Gauge
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Set")]
    private void Set(double value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "negative");
        }

        log.Add("set " + BitConverter.DoubleToInt64Bits(value).ToString("X16", System.Globalization.CultureInfo.InvariantCulture));
    }

    [On("Reset")]
    private void Reset(double value) => log.Add("reset " + BitConverter.DoubleToInt64Bits(value).ToString("X16", System.Globalization.CultureInfo.InvariantCulture));

    [On("Single")]
    private void Single(float value) => log.Add("single " + BitConverter.SingleToInt32Bits(value).ToString("X8", System.Globalization.CultureInfo.InvariantCulture));

    [On("Letter")]
    private void Letter(char value) => log.Add("letter " + ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [On("Small")]
    private void Small(sbyte value) => log.Add("small " + value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [On("Bits")]
    private void Bits(ulong @ulong) => log.Add("bits " + @ulong.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [On("Short")]
    private void Short(ushort value) => log.Add("short " + value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [OnFault]
    private void Faulted(SessionFaultedException fault) => log.Add("fault " + fault.Operation + " " + fault.InnerException!.GetType().Name);

    [On("Log")]
    private string[] Log() => log.ToArray();
}
