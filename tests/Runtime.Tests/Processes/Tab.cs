namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A durable bar tab found by its table number (Durability tests): correlation keys route to stored sessions.</summary>
[SessionProcess(Durable = true)]
public partial class Tab
{
    private readonly List<string> orders = new();

    [On("OpenTab", StartsSession = true)]
    private void OpenTab([Correlation("table")] int table)
    {
    }

    [On("Order")]
    private int Order([Correlation("table")] int table, string drink)
    {
        orders.Add(drink);
        return orders.Count;
    }

    [On("Orders")]
    private string[] Orders() => [.. orders];

    [On("Pay")]
    private void Pay([Correlation("table")] int table) => EndSession();
}
