namespace SessionGen;

/// <summary>
/// Marks the process's presence handler, <c>void M(string participant)</c> (or returning <see cref="Task"/> or
/// <see cref="ValueTask"/>): it runs on the session's turn when a participant's last subscription to the session has
/// closed and none opened again for that participant within <see cref="SessionHostOptions.ParticipantLeftGrace"/>.
/// A reconnect within the grace period is not a departure; subscriptions opened without a participant do not count.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnParticipantLeftAttribute : Attribute
{
}
