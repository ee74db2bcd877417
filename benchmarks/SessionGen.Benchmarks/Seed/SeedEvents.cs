namespace SessionGen.Benchmarks.Seed;

/// <summary>A participant joined the session.</summary>
public sealed record ParticipantJoined(string Name);

/// <summary>A participant left the session.</summary>
public sealed record ParticipantLeft(string Name);

/// <summary>Something a participant asked for could not be done.</summary>
public sealed record SessionError(string Reason, string Name);

/// <summary>A message for one participant: the welcome.</summary>
public sealed record Message(string To, string Text);

/// <summary>What <c>Join</c> answers.</summary>
public enum JoinResult
{
    /// <summary>The participant was added.</summary>
    Joined,

    /// <summary>The participant was already there.</summary>
    AlreadyPresent,
}
