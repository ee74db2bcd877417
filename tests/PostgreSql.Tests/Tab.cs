namespace SessionGen.PostgreSql.Tests;

/// <summary>The durable process of the round-trip test: correlated by table, with a stored field and a pending timeout.</summary>
[SessionProcess("PostgreSql.Tests.Tab", Durable = true)]
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

    [On("RemindIn")]
    private void RemindIn([Correlation("table")] int table, int minutes) => ScheduleReminder(TimeSpan.FromMinutes(minutes), table);

    [OnTimeout("Reminder")]
    private void Reminder(int table) => orders.Add("reminder");

    [On("Orders")]
    private string[] Orders([Correlation("table")] int table) => [.. orders];

    [On("Pay")]
    private void Pay([Correlation("table")] int table) => EndSession();
}
