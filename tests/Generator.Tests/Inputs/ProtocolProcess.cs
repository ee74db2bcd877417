namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// A process with every part the other snapshots leave out: protocol states (one final), correlation keys (a single
/// part, a composite key of two parts and one read from a property), constructor services (required, optional and
/// defaulted), <c>[OnFault]</c> and <c>[OnIdle]</c>, and reliability settings.
/// </summary>
internal static class ProtocolProcess
{
    public const string HintName = "Sample.Shipment.SessionGen.g.cs";

    public const string Source = """
        using System;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        public enum ShipmentState { Booked, InTransit, [FinalState] Delivered }

        public sealed record Parcel(string Id, decimal Weight);

        public interface IClock
        {
            DateTimeOffset Now { get; }
        }

        public interface ICarrier
        {
            string Name { get; }
        }

        [SessionProcess(
            "Logistics.Shipment",
            States = typeof(ShipmentState),
            FaultPolicy = SessionFaultPolicy.KeepSession,
            MailboxCapacity = 16,
            MailboxFullMode = MailboxFullMode.Wait,
            IdleTimeoutSeconds = 300,
            HandlerTimeLimitSeconds = 2.5,
            MessageTimeToLiveSeconds = 60,
            HoldLimitSeconds = 30,
            Execution = ExecutionMode.Sequential)]
        public partial class Shipment
        {
            private readonly IClock clock;
            private readonly ICarrier? carrier;
            private readonly int retries;
            private DateTimeOffset departed;

            public Shipment(IClock clock, ICarrier? carrier, int retries = 3)
            {
                this.clock = clock;
                this.carrier = carrier;
                this.retries = retries;
            }

            [On("Book", StartsSession = true)]
            [AcceptedIn(ShipmentState.Booked)]
            private void Book([Correlation("shipment")] string shipmentId, [Correlation("route", "from")] string origin, [Correlation("route", "to")] string destination) { }

            [On("Depart")]
            [AcceptedIn(ShipmentState.Booked)]
            [MovesTo(ShipmentState.InTransit)]
            private void Depart([Correlation("shipment")] string shipmentId)
            {
                departed = clock.Now;
                MoveTo(ShipmentState.InTransit);
                ScheduleOverdue(TimeSpan.FromDays(retries), shipmentId);
            }

            [On("Deliver")]
            [AcceptedIn(ShipmentState.InTransit)]
            [MovesTo(ShipmentState.Delivered)]
            private async Task<TimeSpan> Deliver([Correlation("parcel", Property = "Id")] Parcel parcel)
            {
                await Task.Yield();
                MoveTo(ShipmentState.Delivered);
                return clock.Now - departed;
            }

            [On("Where")]
            private string Where() => $"{State} with {carrier?.Name ?? "no carrier"}";

            [OnTimeout("Overdue")]
            [AcceptedIn(ShipmentState.InTransit)]
            private void Overdue(string shipmentId) => Emit(shipmentId);

            [OnFault]
            private void Faulted(SessionFaultedException fault) => Emit(fault.Message);

            [OnIdle]
            private ValueTask Idle() => ValueTask.CompletedTask;
        }
        """;
}
