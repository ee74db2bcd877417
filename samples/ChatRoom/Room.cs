using SessionGen;

namespace ChatRoom;

public enum JoinResult
{
    Joined,

    /// <summary>The caller was in the room already (another tab of theirs, or this one reconnecting): welcomed again, not announced.</summary>
    AlreadyIn,
}

/// <summary>Sent to the one who joined, and to nobody else (EmitTo): what the room is about, who is in it and what was said so far.</summary>
public sealed record Welcome(string Name, string Topic, string[] Members, MessagePosted[] History);

/// <summary>The answer of <c>Look</c>: the room as a visitor sees it before joining.</summary>
public sealed record RoomView(string Topic, string[] Members, MessagePosted[] History);

public sealed record MemberJoined(string Name, string[] Members);

public sealed record MemberLeft(string Name, string[] Members);

public sealed record MessagePosted(string From, string Text, DateTimeOffset At);

public sealed record RoomClosed(string Reason);

/// <summary>A room's protocol: quiet until someone says something, then chatting (what the dashboard draws).</summary>
public enum RoomState
{
    Quiet,
    Chatting,
}

/// <summary>
/// One chat room: a session whose participants are signed-in users (see <see cref="ChatSignIn"/>). Who speaks is the
/// caller the HTTP endpoints take from the user's cookie, never a name in the message, so nobody can post as someone
/// else, and a user's <see cref="Welcome"/> reaches that user's tabs only. It is durable: every turn is stored (in
/// SQLite, see <see cref="ChatRoomApp"/>) before anyone hears of it, so the room, its topic and its history survive a
/// restart of the app. Who is in the room is not stored: it is the users connected to this run of the app; a user
/// whose last tab has gone (closed, crashed, offline past the grace period) leaves by itself (<c>[OnParticipantLeft]</c>),
/// and a tab that reconnects after a restart joins again. The room closes itself after <see cref="IdleMinutes"/>
/// minutes without a message: not when the last user leaves, because the lobby's history is what a newcomer reads.
/// </summary>
[SessionProcess("ChatRoom.Room", Durable = true, IdleTimeoutSeconds = IdleMinutes * 60, States = typeof(RoomState))]
public partial class Room
{
    public const int IdleMinutes = 5;

    /// <summary>How many of the latest messages a room keeps as its history.</summary>
    public const int HistoryCapacity = 100;

    // The clock comes from dependency injection, through the generated factory: a service, not state.
    [Transient]
    private readonly TimeProvider clock;

    // Presence: the users (caller ids) with a tab in this run of the app. Not stored, so nobody is "still in the room" after a restart.
    [Transient]
    private readonly SortedSet<string> members = new(StringComparer.Ordinal);

    // Stored: the room's topic and its latest messages, oldest first.
    private readonly List<MessagePosted> history = new();
    private string topic = "";

    public Room(TimeProvider clock)
    {
        this.clock = clock;
    }

    /// <summary>Opens a room. Topics are correlation keys, so <c>Find</c> reaches the open room with a topic without its id.</summary>
    [On("Open", StartsSession = true)]
    private void Open([Correlation("topic")] string topic) => this.topic = topic;

    /// <summary>The id of the open room with <paramref name="topic"/> (routed by the topic, also to a room only in the store).</summary>
    [On("Find")]
    private string Find([Correlation("topic")] string topic) => SessionId.Value;

    [On("Look")]
    private RoomView Look() => new(topic, [.. members], [.. history]);

    /// <summary>The caller joins (again, from another tab or after a reconnect: welcomed, not announced twice).</summary>
    [On("Join")]
    private JoinResult Join(SessionCaller caller)
    {
        bool joined = members.Add(caller.Id);
        EmitTo(caller.Id, new Welcome(caller.Id, topic, [.. members], [.. history]));
        if (!joined)
        {
            return JoinResult.AlreadyIn;
        }

        Emit(new MemberJoined(caller.Id, [.. members]));
        return JoinResult.Joined;
    }

    /// <summary>Posts as the caller; false (nothing posted) when the caller has not joined or the text is blank.</summary>
    [On("Say")]
    [MovesTo(RoomState.Chatting)]
    private bool Say(string text, SessionCaller caller)
    {
        if (!members.Contains(caller.Id) || string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        MoveTo(RoomState.Chatting);

        var posted = new MessagePosted(caller.Id, text.Trim(), clock.GetUtcNow());
        history.Add(posted);
        if (history.Count > HistoryCapacity)
        {
            history.RemoveRange(0, history.Count - HistoryCapacity);
        }

        Emit(posted);
        return true;
    }

    [On("Leave")]
    private void Leave(SessionCaller caller) => Remove(caller.Id);

    /// <summary>The user's last event stream closed and none came back within the grace period: gone without saying so.</summary>
    [OnParticipantLeft]
    private void Left(string participant) => Remove(participant);

    private void Remove(string name)
    {
        if (members.Remove(name))
        {
            Emit(new MemberLeft(name, [.. members]));
        }
    }

    [OnIdle]
    private void Idle() => Emit(new RoomClosed($"nobody wrote for {IdleMinutes} minutes"));
}
