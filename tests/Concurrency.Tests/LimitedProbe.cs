namespace SessionGen.Concurrency.Tests;

/// <summary>A process whose handlers may run one second: its requests arm a time limit on the host's timer wheel.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 1)]
public partial class LimitedProbe
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Echo")]
    private int Echo(int value) => value;
}
