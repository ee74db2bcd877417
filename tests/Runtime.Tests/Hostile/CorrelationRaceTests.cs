using SessionGen.Runtime.Tests.Processes;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Item 4: racing starts and ends on one key throw only SessionExceptions and never leak an execution gate.</summary>
public sealed class CorrelationRaceTests
{
    [Fact]
    public async Task Racing_keyed_starts_and_ends_fail_only_with_session_exceptions()
    {
        await using var host = new SessionHost();
        var unexpected = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        int started = 0;

        await Task.WhenAll(Enumerable.Range(0, 3).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; i < 3_000; i++)
            {
                try
                {
                    if (worker == 0 && i % 2 == 0)
                    {
                        SequentialLot.Client sequential = await SequentialLot.StartAsync(host, "lot-7");
                        Interlocked.Increment(ref started);
                        await sequential.CloseAsync("lot-7");
                    }
                    else
                    {
                        KeyedLot.Client keyed = await KeyedLot.StartAsync(host, "lot-7");
                        Interlocked.Increment(ref started);
                        await keyed.CloseAsync("lot-7");
                    }
                }
                catch (SessionException)
                {
                }
                catch (Exception exception)
                {
                    unexpected.Add(exception);
                }
            }
        }))).Guarded();

        Assert.Empty(unexpected);
        Assert.True(started > 0);

        // Every gate was left: a sequential start gets its turn, and the key is free again.
        SequentialLot.Client next = await SequentialLot.StartAsync(host, "lot-7").Guarded();
        await next.CloseAsync("lot-7").Guarded();
        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task A_key_released_while_another_session_claims_it_is_either_taken_or_refused()
    {
        await using var host = new SessionHost();
        var index = new CorrelationIndex();
        SessionContext holder = await StartedContext(host);
        SessionContext claimant = await StartedContext(host);
        CorrelationKey[] key = [new CorrelationKey("lot", "7")];
        using var stop = new CancellationTokenSource();

        Task churn = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                index.TryAdd(holder, key);
                index.Remove(holder, key);
            }
        });
        try
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                if (index.TryAdd(claimant, key))
                {
                    index.Remove(claimant, key);
                }
            }
        }
        finally
        {
            stop.Cancel();
            await churn.Guarded();
        }
    }

    private static async Task<SessionContext> StartedContext(SessionHost host)
    {
        KeyedLot.Client client = await KeyedLot.StartAsync(host, SessionId.New().Value);
        return host.RunningSessions.Single(session => session.Id == client.Id);
    }
}
