using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SessionGen.AspNetCore.Dashboard;

/// <summary>
/// What the dashboard knows beyond the host's own snapshots: per-process message, fault and dead-letter counts from a
/// <see cref="MeterListener"/> on the <c>SessionGen</c> meter, and the host's latest dead letters from a bounded
/// <see cref="DeadLetterSubscription"/> drained when a snapshot is taken. It exists only once the dashboard is mapped.
/// </summary>
/// <remarks>
/// The meter has no host tag: with several hosts in one .NET process the counts add up all of them, while session
/// counts and dead letters are the mapped host's.
/// </remarks>
internal sealed class DashboardCollector : IDisposable
{
    /// <summary>How many dead letters the page lists.</summary>
    public const int DeadLetterListLength = 20;

    private const string HandledInstrument = "sessiongen.messages.handled";
    private const string DeadLettersInstrument = "sessiongen.dead_letters";

    private readonly ConcurrentDictionary<string, ProcessCounters> counters = new(StringComparer.Ordinal);
    private readonly MeterListener listener = new();
    private readonly DeadLetterSubscription deadLetterFeed;
    private readonly Queue<DeadLetter> latestDeadLetters = new();
    private readonly MessageRates rates;

    public DashboardCollector(SessionHost host, TimeProvider clock)
    {
        Host = host;
        rates = new MessageRates(clock);

        // Bounded: unread for a long time, it drops (and counts) rather than grows.
        deadLetterFeed = host.SubscribeDeadLetters(capacity: 1_000);
        listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == SessionTelemetry.MeterName && instrument.Name is HandledInstrument or DeadLettersInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    public SessionHost Host { get; }

    /// <summary>Dead letters the host had to drop because nobody read the feed in time.</summary>
    public long DeadLettersDropped => deadLetterFeed.Dropped;

    /// <summary>The counts of every process the meter has reported on.</summary>
    public IReadOnlyDictionary<string, ProcessCounters> Counters => counters;

    /// <summary>Messages per second per process, as of now (see <see cref="MessageRates"/>).</summary>
    public Dictionary<string, double> SampleRates()
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach ((string process, ProcessCounters counts) in counters)
        {
            totals[process] = counts.Handled;
        }

        return rates.Sample(totals);
    }

    /// <summary>The latest dead letters, newest first.</summary>
    public DeadLetter[] LatestDeadLetters()
    {
        lock (latestDeadLetters)
        {
            while (deadLetterFeed.TryRead(out DeadLetter? deadLetter))
            {
                latestDeadLetters.Enqueue(deadLetter);
                if (latestDeadLetters.Count > DeadLetterListLength)
                {
                    latestDeadLetters.Dequeue();
                }
            }

            DeadLetter[] newestFirst = latestDeadLetters.ToArray();
            Array.Reverse(newestFirst);
            return newestFirst;
        }
    }

    public void Dispose()
    {
        listener.Dispose();
        _ = deadLetterFeed.DisposeAsync(); // completes synchronously
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? process = null;
        bool faulted = false;
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == SessionTelemetry.ProcessTag)
            {
                process = tag.Value as string;
            }
            else if (tag.Key == SessionTelemetry.OutcomeTag)
            {
                faulted = tag.Value is "faulted";
            }
        }

        if (process is null)
        {
            return; // a dead letter whose message names no process (filed by a transport)
        }

        ProcessCounters counts = counters.GetOrAdd(process, static _ => new ProcessCounters());
        if (instrument.Name == HandledInstrument)
        {
            counts.AddHandled(value, faulted);
        }
        else
        {
            counts.AddDeadLetters(value);
        }
    }
}
