namespace SessionGen;

/// <summary>A stored session with a pending timeout, due at <paramref name="DueAt"/> (see <see cref="ISessionStore.ReadWakeUpsAsync"/>).</summary>
/// <param name="Process">The process's protocol name.</param>
/// <param name="Id">The session.</param>
/// <param name="DueAt">When its earliest pending timeout is due.</param>
public readonly record struct SessionWakeUp(string Process, SessionId Id, DateTimeOffset DueAt);
