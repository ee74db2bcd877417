namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Ends after a minute without messages, saying goodbye first.</summary>
[SessionProcess(IdleTimeoutSeconds = 60)]
public partial class Expiring
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Touch")]
    private void Touch()
    {
    }

    [OnIdle]
    private void Goodbye() => Emit("idle goodbye");
}
