namespace SessionGen.Benchmarks.Sessions;

/// <summary>Starts <see cref="IdleSession"/>s: every <c>StartAsync</c> issued, then every one awaited.</summary>
public sealed class SessionGenStarter : SessionStarter
{
    private readonly SessionHost host = new();
    private readonly ValueTask<IdleSession.Client>[] pending;

    /// <summary>Creates the host.</summary>
    public SessionGenStarter(int capacity) => pending = new ValueTask<IdleSession.Client>[capacity];

    /// <inheritdoc/>
    public override async Task StartAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            pending[i] = IdleSession.StartAsync(host);
        }

        for (int i = 0; i < count; i++)
        {
            await pending[i].ConfigureAwait(false);
            pending[i] = default;
        }
    }

    /// <inheritdoc/>
    public override void Dispose() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
