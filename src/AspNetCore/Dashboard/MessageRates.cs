namespace SessionGen.AspNetCore.Dashboard;

/// <summary>
/// Messages per second per process, from the totals each snapshot reads: the change since the newest earlier sample
/// at least a second old (or, before there is one, the oldest), so any number of viewers polling at any pace see the
/// rate over about the last second. Nothing runs between snapshots.
/// </summary>
internal sealed class MessageRates(TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // Oldest first; at most about ten per window (see Sample), plus the baseline.
    private readonly List<(long Timestamp, Dictionary<string, long> Totals)> samples = [];

    /// <summary>Records <paramref name="totals"/> as of now; returns each process's rate since the baseline sample (0 without one).</summary>
    public Dictionary<string, double> Sample(Dictionary<string, long> totals)
    {
        long now = clock.GetTimestamp();
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        lock (samples)
        {
            // The baseline is the newest sample at least a window old; those before it are no longer needed.
            int baseline = samples.FindLastIndex(sample => clock.GetElapsedTime(sample.Timestamp, now) >= Window);
            samples.RemoveRange(0, Math.Max(baseline, 0));
            double seconds = samples.Count > 0 ? clock.GetElapsedTime(samples[0].Timestamp, now).TotalSeconds : 0;
            foreach ((string process, long total) in totals)
            {
                rates[process] = seconds > 0 ? Math.Max(0, total - samples[0].Totals.GetValueOrDefault(process)) / seconds : 0;
            }

            // Many viewers must not grow the list: one sample per tenth of the window is plenty.
            if (samples.Count == 0 || clock.GetElapsedTime(samples[^1].Timestamp, now) >= Window / 10)
            {
                samples.Add((now, totals));
            }
        }

        return rates;
    }
}
