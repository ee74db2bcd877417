namespace SessionGen.Benchmarks.Sessions;

/// <summary>The message the idle actors would count (never sent in the start benchmark: it gives their switch a case, as the session's handler).</summary>
public sealed class CountMessage
{
    /// <summary>The one instance.</summary>
    public static CountMessage Instance { get; } = new();
}
