namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Keeps its session after a fault, and reports each fault as an event.</summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class Resilient
{
    private int handled;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Fail")]
    private void Fail(string reason) => throw new InvalidOperationException(reason);

    [On("Count")]
    private int Count() => ++handled;

    [OnFault]
    private void Faulted(SessionFaultedException fault) => Emit("fault: " + fault.InnerException!.Message);
}
