using SessionGen;

namespace ChatRoom;

public enum JoinResult
{
    Joined,
    NameTaken,
}

/// <summary>Sent to the one who joined (EmitTo): what the room is about and who is in it.</summary>
public sealed record Welcome(string Topic, string[] Members);

public sealed record MemberJoined(string Name, string[] Members);

public sealed record MemberLeft(string Name, string[] Members);

public sealed record MessagePosted(string From, string Text, DateTimeOffset At);

public sealed record RoomClosed(string Reason);

/// <summary>
/// One chat room: a session whose participants are browser tabs. It closes itself after
/// <see cref="IdleMinutes"/> minutes without a message.
/// </summary>
[SessionProcess("ChatRoom.Room", IdleTimeoutSeconds = IdleMinutes * 60)]
public partial class Room
{
    public const int IdleMinutes = 5;

    // The clock comes from dependency injection, through the generated factory.
    private readonly TimeProvider clock;
    private readonly SortedSet<string> members = new(StringComparer.OrdinalIgnoreCase);
    private string topic = "";

    public Room(TimeProvider clock)
    {
        this.clock = clock;
    }

    [On("Open", StartsSession = true)]
    private void Open(string topic) => this.topic = topic;

    [On("Join")]
    private JoinResult Join(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || !members.Add(name))
        {
            return JoinResult.NameTaken;
        }

        EmitTo(name, new Welcome(topic, [.. members]));
        Emit(new MemberJoined(name, [.. members]));
        return JoinResult.Joined;
    }

    [On("Say")]
    private bool Say(string name, string text)
    {
        if (!members.Contains(name) || string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Emit(new MessagePosted(name, text.Trim(), clock.GetUtcNow()));
        return true;
    }

    [On("Leave")]
    private void Leave(string name)
    {
        if (members.Remove(name))
        {
            Emit(new MemberLeft(name, [.. members]));
        }
    }

    [OnIdle]
    private void Idle() => Emit(new RoomClosed($"nobody wrote for {IdleMinutes} minutes"));
}
