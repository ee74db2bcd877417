using System.Diagnostics;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// One library's side of the seed workload: its sessions and subscribers, made once in setup, and the client tasks
/// that drive one invocation. Every side runs the very same client loop (<see cref="RunAsync"/>); only the two sends
/// differ.
/// </summary>
public abstract class SeedRig : IAsyncDisposable
{
    /// <summary>The tally every subscriber and welcome of this rig counts into.</summary>
    public SeedTally Tally { get; } = new();

    /// <summary>The awaited round trips of the last invocation.</summary>
    public LatencyRecorder Latencies { get; } = new(SeedWorkload.Clients, SeedWorkload.Messages / SeedWorkload.Clients);

    /// <summary>Wall time from the first send of the last invocation until every client had its last answer, ns.</summary>
    public double MessagePhaseNanoseconds { get; private set; }

    /// <summary>Runs one invocation: every client's rounds, then waits until every event (welcomes included) was delivered.</summary>
    public async Task RunAsync()
    {
        Task delivered = Tally.Arm();
        Latencies.Clear();
        long started = Stopwatch.GetTimestamp();
        var clients = new Task[SeedWorkload.Clients];
        for (int c = 0; c < clients.Length; c++)
        {
            int client = c;
            clients[c] = Task.Run(() => ClientAsync(client));
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
        MessagePhaseNanoseconds = Stopwatch.GetElapsedTime(started).Ticks * 100.0;
        await delivered.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <summary>Sends Leave(<paramref name="participant"/>) to <paramref name="session"/> and waits for it to be handled.</summary>
    protected abstract ValueTask LeaveAsync(int session, int participant);

    /// <summary>Sends Join(<paramref name="participant"/>) to <paramref name="session"/> and returns its answer.</summary>
    protected abstract ValueTask<JoinResult> JoinAsync(int session, int participant);

    private async Task ClientAsync(int client)
    {
        for (int round = 0; round < SeedWorkload.Rounds; round++)
        {
            for (int session = client; session < SeedWorkload.Sessions; session += SeedWorkload.Clients)
            {
                for (int participant = 0; participant < SeedWorkload.Participants.Length; participant++)
                {
                    long sent = Stopwatch.GetTimestamp();
                    await LeaveAsync(session, participant).ConfigureAwait(false);
                    Latencies.Record(client, sent);
                    sent = Stopwatch.GetTimestamp();
                    JoinResult joined = await JoinAsync(session, participant).ConfigureAwait(false);
                    Latencies.Record(client, sent);
                    if (joined != JoinResult.Joined)
                    {
                        throw new InvalidOperationException($"Session {session}: {SeedWorkload.Participants[participant]} could not join again ({joined}).");
                    }
                }
            }
        }
    }
}
