using System.Buffers;
using System.Text.Json;

namespace SessionGen.AspNetCore.Dashboard;

/// <summary>
/// The JSON the page polls (<c>GET {prefix}/snapshot?process=&amp;session=</c>): every process with its counts, the
/// sessions of the chosen process, the chosen session, and the latest dead letters. Names, ids, states and numbers
/// only: never a message's or an event's payload. Written with <see cref="Utf8JsonWriter"/>: no reflection, AOT-safe.
/// </summary>
internal static class DashboardSnapshot
{
    /// <summary>How many sessions of the chosen process are listed.</summary>
    public const int SessionListLength = 50;

    /// <summary>
    /// Writes the snapshot. <paramref name="process"/> and <paramref name="session"/> are the viewer's choice; when the
    /// process has no session in memory or the session has ended, the first process with sessions and its first
    /// session are chosen instead, and the JSON says which were.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, DashboardCollector collector, string? process, string? session)
    {
        SessionHost host = collector.Host;
        IReadOnlyList<ProcessSnapshot> running = host.InspectProcesses();
        Dictionary<string, double> rates = collector.SampleRates();
        DeadLetter[] deadLetters = collector.LatestDeadLetters();

        string? chosenProcess = running.Any(p => p.Process == process) ? process : running.FirstOrDefault()?.Process;
        IReadOnlyList<SessionSnapshot> sessions = chosenProcess is null ? [] : host.InspectSessions(chosenProcess, SessionListLength);
        SessionSnapshot? chosen = session is { Length: > 0 } && host.InspectSession(new SessionId(session)) is { } found && found.Process == chosenProcess
            ? found
            : sessions.FirstOrDefault();

        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("sessionCount", host.SessionCount);
        json.WriteNumber("deadLetterCount", host.DeadLetterCount);
        json.WriteNumber("deadLettersDropped", collector.DeadLettersDropped);
        WriteProcesses(json, running, collector, rates);
        json.WriteString("process", chosenProcess);
        json.WriteStartArray("sessions");
        foreach (SessionSnapshot listed in sessions)
        {
            WriteSession(json, listed);
        }

        json.WriteEndArray();
        json.WritePropertyName("session");
        if (chosen is null)
        {
            json.WriteNullValue();
        }
        else
        {
            WriteSession(json, chosen);
        }

        json.WriteStartArray("deadLetters");
        foreach (DeadLetter deadLetter in deadLetters)
        {
            json.WriteStartObject();
            json.WriteString("sessionId", deadLetter.SessionId.Value);
            json.WriteString("process", (deadLetter.Message as SessionGen.Infrastructure.ISessionMessage)?.Operation.Process.ProtocolName);
            json.WriteString("operation", deadLetter.Operation);
            json.WriteString("reason", deadLetter.Reason.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The processes with sessions in memory, then those the meter reported on that have none now, by name.</summary>
    private static void WriteProcesses(Utf8JsonWriter json, IReadOnlyList<ProcessSnapshot> running, DashboardCollector collector, Dictionary<string, double> rates)
    {
        var byName = new SortedDictionary<string, ProcessSnapshot?>(StringComparer.Ordinal);
        foreach (ProcessSnapshot process in running)
        {
            byName[process.Process] = process;
        }

        foreach (string name in collector.Counters.Keys)
        {
            byName.TryAdd(name, null);
        }

        json.WriteStartArray("processes");
        foreach ((string name, ProcessSnapshot? process) in byName)
        {
            ProcessCounters? counts = collector.Counters.GetValueOrDefault(name);
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("sessions", process?.Sessions ?? 0);
            json.WriteNumber("messagesHandled", counts?.Handled ?? 0);
            json.WriteNumber("messagesPerSecond", Math.Round(rates.GetValueOrDefault(name), 2));
            json.WriteNumber("faults", counts?.Faults ?? 0);
            json.WriteNumber("deadLetters", counts?.DeadLetters ?? 0);
            json.WriteStartArray("states");
            foreach (string state in process?.States ?? [])
            {
                json.WriteStringValue(state);
            }

            json.WriteEndArray();
            json.WriteString("diagram", process?.ProtocolDiagram);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSession(Utf8JsonWriter json, SessionSnapshot session)
    {
        json.WriteStartObject();
        json.WriteString("id", session.Id.Value);
        json.WriteString("process", session.Process);
        json.WriteString("state", session.State);
        json.WriteNumber("queueLength", session.QueueLength);
        json.WriteNumber("pendingTimeouts", session.PendingTimeouts);
        json.WriteNumber("subscribers", session.Subscribers);
        json.WriteEndObject();
    }
}
