namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A running total: handling a message twice would show in the total.</summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class Ledger
{
    private int total;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Add")]
    private int Add(int amount) => total += amount;

    [On("Refuse")]
    private int Refuse(int amount) => throw new ArgumentOutOfRangeException(nameof(amount), amount, "refused");

    [On("Total")]
    private int Total() => total;
}
