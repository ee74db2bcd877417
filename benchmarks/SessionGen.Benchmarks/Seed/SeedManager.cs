namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// The seed document's SessionManager as samples/SessionManager writes it (in memory, not durable): participants join
/// and leave, an error event for a duplicate join or a leave by someone absent, a welcome 500 ms after each join, an
/// end when the last participant has left. Its one addition: the welcome counts itself in the benchmark's tally.
/// </summary>
[SessionProcess]
public partial class SeedManager
{
    private readonly HashSet<string> participants = new();
    private string name = "";
    private SeedTally tally = null!;

    /// <summary>The starter.</summary>
    [On("Initialize", StartsSession = true)]
    public void Initialize(string name, string[] participants, SeedTally tally)
    {
        this.name = name;
        this.participants.UnionWith(participants);
        this.tally = tally;
    }

    /// <summary>A participant joins: everyone hears it, and the newcomer is welcomed 500 ms later.</summary>
    [On("Join")]
    public JoinResult Join(string name)
    {
        if (!participants.Add(name))
        {
            Emit(new SessionError("participant already present", name));
            return JoinResult.AlreadyPresent;
        }

        Emit(new ParticipantJoined(name));
        ScheduleGreet(SeedWorkload.WelcomeDelay, name);
        return JoinResult.Joined;
    }

    /// <summary>A participant leaves: everyone hears it.</summary>
    [On("Leave")]
    public void Leave(string name)
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
    }

    /// <summary>The welcome, to the newcomer alone.</summary>
    [OnTimeout("Greet")]
    public void Greet(string name)
    {
        tally.WelcomeFired();
        EmitTo(name, new Message(name, $"welcome to {this.name}"));
    }
}
