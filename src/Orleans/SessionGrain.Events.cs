using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SessionGen.Orleans;

// Subscriptions: each subscribed observer has a pump here, which reads a subscription of the silo's session host and
// forwards its events, as JSON, to the observer. The observer's client resubscribes now and then (and after a silo
// loss) with the last sequence number it has: this activation answers the retained events after it.
internal sealed partial class SessionGrain
{
    private const int MaxBatch = 256;

    private readonly Dictionary<ISessionObserver, Pump> pumps = new();

    public async Task<SubscribeReply> Subscribe(ISessionObserver observer, string? participant, long? afterSequence, bool restart)
    {
        if (pumps.TryGetValue(observer, out Pump? running))
        {
            if (!restart)
            {
                return new SubscribeReply([], 0, null);
            }

            running.Stop();
        }

        SessionSubscription subscription;
        try
        {
            subscription = await sessions.Host.SubscribeAsync(process, id, participant, afterSequence, CancellationToken.None).ConfigureAwait(true);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new SubscribeReply([], 0, Failures.Encode(exception, id, "Subscribe"));
        }

        // What the host replayed (and anything live already) goes in the answer; the rest through the observer.
        var backlog = new List<WireEvent>();
        long previous = afterSequence ?? -1;
        while (subscription.TryRead(out SessionEvent? @event))
        {
            backlog.Add(Wire(@event, previous));
            previous = @event.Sequence;
        }

        var pump = new Pump(observer, subscription, previous);
        pumps[observer] = pump;
        _ = PumpAsync(pump);
        return new SubscribeReply([.. backlog], subscription.MissedEvents, null);
    }

    public Task Unsubscribe(ISessionObserver observer)
    {
        if (pumps.Remove(observer, out Pump? pump))
        {
            pump.Stop();
        }

        return Task.CompletedTask;
    }

    /// <summary>The activation is going: its pumps stop without telling their observers the session ended (it did not).</summary>
    private void StopPumps()
    {
        foreach (Pump pump in pumps.Values)
        {
            pump.Stop();
        }

        pumps.Clear();
    }

    // Runs on this activation's scheduler (started from a grain turn), interleaved with the others (reentrant).
    private async Task PumpAsync(Pump pump)
    {
        SessionFailure? fault = null;
        var batch = new List<WireEvent>();
        try
        {
            while (!pump.Stopped)
            {
                SessionEvent first = await pump.Subscription.ReadAsync().ConfigureAwait(true);
                batch.Add(Wire(first, pump.Previous));
                pump.Previous = first.Sequence;
                while (batch.Count < MaxBatch && pump.Subscription.TryRead(out SessionEvent? next))
                {
                    batch.Add(Wire(next, pump.Previous));
                    pump.Previous = next.Sequence;
                }

                if (!pump.Stopped)
                {
                    _ = pump.Observer.OnEvents([.. batch]);
                }

                batch.Clear();
            }

            return;
        }
        catch (ChannelClosedException closed) when (closed.InnerException is null)
        {
            // The session ended.
        }
        catch (ChannelClosedException closed) when (closed.InnerException is SessionException ended)
        {
            fault = Failures.Encode(ended, id, ended is SessionFaultedException faulted ? faulted.Operation ?? "" : "");
        }
        catch (Exception exception) when (exception is SubscriptionOverflowException or SessionException)
        {
            if (exception is SubscriptionOverflowException)
            {
                // Fell behind: drop the pump; the observer's next resubscribe opens a new one after its last event.
                pumps.Remove(pump.Observer);
                return;
            }

            fault = Failures.Encode(exception, id, "");
        }

        if (!pump.Stopped)
        {
            pumps.Remove(pump.Observer);
            _ = pump.Observer.OnEnded(pump.Previous, fault);
        }
    }

    private WireEvent Wire(SessionEvent @event, long previous)
    {
        string type;
        byte[] data;
        if (@event.Payload is RestoredEvent restored)
        {
            type = restored.Type;
            data = System.Text.Encoding.UTF8.GetBytes(restored.Data.GetRawText());
        }
        else
        {
            Type payload = @event.Payload.GetType();
            type = payload.Name;
            try
            {
                data = JsonSerializer.SerializeToUtf8Bytes(@event.Payload, sessions.Json.GetTypeInfo(payload));
            }
            catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
            {
                LogEventNotWritten(logger, process, id.Value, type, exception.Message);
                data = "null"u8.ToArray();
            }
        }

        return new WireEvent(@event.Sequence, previous, type, data, @event.Participant);
    }

    [LoggerMessage(6, LogLevel.Warning, "Session {Process}/{SessionId}: an event of type {Type} could not be written as JSON for its subscribers: {Reason}")]
    private static partial void LogEventNotWritten(ILogger logger, string process, string sessionId, string type, string reason);

    /// <summary>One observer's subscription here, and the number of the last event it was sent.</summary>
    private sealed class Pump(ISessionObserver observer, SessionSubscription subscription, long previous)
    {
        public ISessionObserver Observer { get; } = observer;

        public SessionSubscription Subscription { get; } = subscription;

        public long Previous { get; set; } = previous;

        public bool Stopped { get; private set; }

        public void Stop()
        {
            Stopped = true;
            _ = Subscription.DisposeAsync();
        }
    }
}
