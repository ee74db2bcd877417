using SessionGen;

namespace SessionManagerSample;

/// <summary>
/// The seed document's SessionManager: a named session whose participants join and leave, with an error
/// event for a duplicate join or a leave by someone absent, a welcome 500 ms after each join, and an end
/// when the last participant has left. Durable: every turn is committed to the host's store (the sample's own run
/// uses an in-memory store; the crash test, tests/Crash.Tests, a SQLite file), and its fields, pending welcomes and
/// recent events come back in a new host.
/// </summary>
[SessionProcess(Durable = true)]
public partial class SessionManager
{
    private static readonly TimeSpan WelcomeDelay = TimeSpan.FromMilliseconds(500);

    // Session-scoped variables: one copy per session.
    private readonly HashSet<string> participants = new();
    private string name = "";

    [On("Initialize", StartsSession = true)]
    private void Initialize(string name, string[] participants)
    {
        this.name = name;
        this.participants.UnionWith(participants);
    }

    [On("Join")]
    private JoinResult Join(string name)
    {
        if (!participants.Add(name))
        {
            Emit(new SessionError("participant already present", name));
            return JoinResult.AlreadyPresent;
        }

        Emit(new ParticipantJoined(name));
        ScheduleGreet(WelcomeDelay, name);
        return JoinResult.Joined;
    }

    [On("Leave")]
    private async Task Leave(string name)
    {
        if (!participants.Remove(name))
        {
            Emit(new SessionError("participant not found", name));
            return;
        }

        Emit(new ParticipantLeft(name));
        if (participants.Count == 0)
        {
            EndSession();
        }

        await Task.CompletedTask;
    }

    [OnTimeout("Greet")]
    private void Greet(string name) => EmitTo(name, new Message(name, $"welcome to {this.name}"));
}
