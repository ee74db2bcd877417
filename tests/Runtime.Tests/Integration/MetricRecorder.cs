using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>Listens to every instrument of the SessionGen meter and keeps the measurements of one process.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();
    private readonly string process;

    public MetricRecorder(string process)
    {
        this.process = process;
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == SessionTelemetry.MeterName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>Sums the instrument's measurements whose tags include every one of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object? Value)[] tags) =>
        Matching(instrument, tags).Sum(static measurement => measurement.Value);

    public IEnumerable<Measurement> Matching(string instrument, params (string Key, object? Value)[] tags) =>
        measurements.Where(measurement => measurement.Instrument == instrument
            && tags.All(tag => measurement.Tags.TryGetValue(tag.Key, out object? value) && Equals(value, tag.Value)));

    /// <summary>Asks the observed instruments for their values now and returns this process's latest one.</summary>
    public double Observe(string instrument)
    {
        measurements.Clear();
        listener.RecordObservableInstruments();
        return Matching(instrument).Select(static measurement => measurement.Value).DefaultIfEmpty(0).Last();
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        if (map.TryGetValue(SessionTelemetry.ProcessTag, out object? name) && Equals(name, process))
        {
            measurements.Enqueue(new Measurement(instrument.Name, value, map));
        }
    }
}
