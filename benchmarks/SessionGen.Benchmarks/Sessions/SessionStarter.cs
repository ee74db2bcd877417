namespace SessionGen.Benchmarks.Sessions;

/// <summary>
/// Starts sessions or actors with one library and keeps them alive until disposed. The start benchmark times
/// <see cref="StartAsync"/>; the retained-memory probe measures what it leaves reachable.
/// </summary>
public abstract class SessionStarter : IDisposable
{
    /// <summary>Starts <paramref name="count"/> sessions and completes once every one has run its start.</summary>
    public abstract Task StartAsync(int count);

    /// <inheritdoc/>
    public abstract void Dispose();
}
