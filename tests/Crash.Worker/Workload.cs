using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionManagerSample;

namespace SessionGen.Crash.Worker;

/// <summary>One worker process: a host over the SQLite file, recovered, driving every session of the plan at once.</summary>
internal sealed class Workload(string database, int seed, Dictionary<string, Progress> progress, bool finish)
{
    public async Task RunAsync()
    {
        Output.Line("recovering");
        await using var store = new SqliteSessionStore($"Data Source={database}");
        await using var host = new SessionHost(new SessionHostOptions
        {
            Store = store,
            SerializerOptions = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(SessionManagerJson.Default, LedgerJson.Default) },
        });
        DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        _ = ReportDeadLettersAsync(deadLetters);
        await host.RecoverAsync();
        Output.Line("recovered");

        List<SessionDriver> sessions = [.. Plan.Sessions.Select(name => SessionDriver.For(host, name, seed, progress[name], finish))];
        await Task.WhenAll(sessions.Select(session => session.RunAsync()));
        if (finish)
        {
            await Task.WhenAll(sessions.Select(session => session.CheckAsync()));
        }

        Output.Line("done");
    }

    // Nothing accepted may be dropped: the test fails on any of these lines.
    private static async Task ReportDeadLettersAsync(DeadLetterSubscription deadLetters)
    {
        await foreach (DeadLetter letter in deadLetters)
        {
            Output.Line($"deadletter {letter.SessionId} {letter.Operation} {letter.Reason}");
        }
    }
}
