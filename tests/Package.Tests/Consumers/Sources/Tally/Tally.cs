using SessionGen;

namespace TallyApp;

public sealed record Added(string Tally, int Amount, int Total);

public sealed record Closed(string Tally, int Total);

[SessionProcess]
public partial class Tally
{
    private string name = "";
    private int total;

    [On("Open", StartsSession = true)]
    private void Open(string name) => this.name = name;

    [On("Add")]
    private int Add(int amount)
    {
        total += amount;
        Emit(new Added(name, amount, total));
        return total;
    }

    [On("Close")]
    private ValueTask Close()
    {
        Emit(new Closed(name, total));
        EndSession();
        return ValueTask.CompletedTask;
    }
}
