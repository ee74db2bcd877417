namespace SessionGen.Benchmarks.Timeouts;

/// <summary>Drives a <see cref="TimeoutSession"/>: <c>After</c> with one callback, or the generated <c>Schedule{Name}</c>.</summary>
public sealed class SessionGenTimeoutDriver : TimeoutDriver
{
    private readonly SessionHost host = new();
    private readonly TimeoutSession.Client session;
    private readonly bool named;

    /// <summary>Starts the session.</summary>
    public SessionGenTimeoutDriver(int capacity, bool named)
    {
        this.named = named;
        session = TimeoutSession.StartAsync(host, capacity).AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public override Task ScheduleAsync(int count) =>
        (named ? session.ScheduleNamedAsync(count) : session.ScheduleAfterAsync(count)).AsTask();

    /// <inheritdoc/>
    public override Task<int> CancelAsync(int count) => session.CancelManyAsync(count).AsTask();

    /// <inheritdoc/>
    public override void Dispose() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
