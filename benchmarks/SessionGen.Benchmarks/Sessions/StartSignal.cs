using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>
/// The countdown the peers' idle actors signal once started. Static, so the actors hold only the user's field,
/// like <see cref="IdleSession"/>, and the retained-memory comparison is even.
/// </summary>
public static class StartSignal
{
    /// <summary>Signalled by every idle actor's start.</summary>
    public static Countdown Started { get; } = new();
}
