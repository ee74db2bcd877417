namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// SessionGen's side: 10,000 <see cref="SeedManager"/> sessions on one in-memory host, each with its 3 participants
/// subscribed through the generated client's <c>Subscribe(name)</c> and read with <c>await foreach</c>; clients send
/// with the generated <c>LeaveAsync</c> / <c>JoinAsync</c>.
/// </summary>
public sealed class SessionGenSeedRig : SeedRig
{
    private readonly SessionHost host = new();
    private readonly SeedManager.Client[] sessions = new SeedManager.Client[SeedWorkload.Sessions];
    private readonly List<SessionSubscription> subscriptions = new(SeedWorkload.Sessions * 3);
    private readonly List<Task> readers = new(SeedWorkload.Sessions * 3);

    /// <summary>Starts the sessions and their subscribers.</summary>
    public SessionGenSeedRig()
    {
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = SeedManager.StartAsync(host, SeedWorkload.Name(i), SeedWorkload.Participants, Tally).AsTask().GetAwaiter().GetResult();
            foreach (string participant in SeedWorkload.Participants)
            {
                SessionSubscription subscription = sessions[i].Subscribe(participant);
                subscriptions.Add(subscription);
                readers.Add(ReadAsync(subscription, Tally));
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        foreach (SessionSubscription subscription in subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(readers).ConfigureAwait(false);
        await host.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override ValueTask LeaveAsync(int session, int participant) =>
        sessions[session].LeaveAsync(SeedWorkload.Participants[participant]);

    /// <inheritdoc/>
    protected override ValueTask<JoinResult> JoinAsync(int session, int participant) =>
        sessions[session].JoinAsync(SeedWorkload.Participants[participant]);

    private static async Task ReadAsync(SessionSubscription subscription, SeedTally tally)
    {
        await foreach (SessionEvent _ in subscription.WithCancellation(CancellationToken.None).ConfigureAwait(false))
        {
            tally.EventDelivered();
        }
    }
}
