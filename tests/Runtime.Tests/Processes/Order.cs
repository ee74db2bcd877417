namespace SessionGen.Runtime.Tests.Processes;

/// <summary>An order's invoice, correlated by a property of a message parameter.</summary>
public sealed record Invoice(string OrderId, decimal Amount);

/// <summary>
/// Two correlation sets identify one session: the order id its starter sets, and a tracking number the
/// runtime makes fresh.
/// </summary>
[SessionProcess]
public partial class Order
{
    private decimal paid;

    [On("Place", StartsSession = true)]
    private string Place([Correlation("order")] string orderId) => CorrelateNew("tracking");

    [On("Pay")]
    private decimal Pay([Correlation("order", "orderId", Property = "OrderId")] Invoice invoice) => paid += invoice.Amount;

    [On("Track")]
    private decimal Track([Correlation("tracking")] string trackingNumber) => paid;
}
