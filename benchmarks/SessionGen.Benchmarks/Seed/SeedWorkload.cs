namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// The seed document's workload (issue 16), the same for every library: <see cref="Sessions"/> SessionManager sessions,
/// each with the <see cref="Participants"/> subscribed; per round every participant of every session leaves and joins
/// again (both awaited), sent by <see cref="Clients"/> client tasks, each owning every <see cref="Clients"/>-th session.
/// A leave emits ParticipantLeft to the 3 subscribers, a join ParticipantJoined to the 3 and, 500 ms later, a welcome
/// to the participant who joined (EmitTo).
/// </summary>
public static class SeedWorkload
{
    /// <summary>Sessions (or session actors).</summary>
    public const int Sessions = 10_000;

    /// <summary>Client tasks sending at once.</summary>
    public const int Clients = 4;

    /// <summary>Rounds per benchmark invocation.</summary>
    public const int Rounds = 2;

    /// <summary>Awaited messages per session per round: a leave and a join per participant.</summary>
    public const int MessagesPerSessionRound = 6;

    /// <summary>Awaited messages per invocation: one operation.</summary>
    public const int Messages = Sessions * Rounds * MessagesPerSessionRound;

    /// <summary>Welcome timeouts per invocation (one per join).</summary>
    public const int Welcomes = Messages / 2;

    /// <summary>Events delivered per invocation: every leave and join to 3 subscribers, every welcome to 1.</summary>
    public const int Deliveries = (Messages * 3) + Welcomes;

    /// <summary>The welcome delay of the seed document.</summary>
    public static readonly TimeSpan WelcomeDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The participants of every session, each subscribed under its own name.</summary>
    public static readonly string[] Participants = ["ann", "bob", "cy"];

    /// <summary>The session's name, as the seed's Initialize takes it.</summary>
    public static string Name(int session) => "session-" + session.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
