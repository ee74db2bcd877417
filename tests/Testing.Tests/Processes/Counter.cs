namespace SessionGen.Testing.Tests.Processes;

/// <summary>Events to everyone and to one participant, a handler that throws, and a greeting from a service.</summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class Counter
{
    private readonly IGreeter greeter;
    private int total;

    public Counter(IGreeter greeter)
    {
        this.greeter = greeter;
    }

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Add")]
    private int Add(string who, int amount)
    {
        total += amount;
        Emit(new Added(who, amount, total));
        EmitTo(who, new Thanks(greeter.Greet(who)));
        return total;
    }

    [On("Divide")]
    private int Divide(int by) => total / by;
}

public interface IGreeter
{
    string Greet(string name);
}

public sealed record Added(string Who, int Amount, int Total);

public sealed record Thanks(string Text);
