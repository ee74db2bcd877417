namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>The state every benchmark's session or actor keeps of its own: one counter.</summary>
public sealed class UserFields
{
    /// <summary>The user's one field.</summary>
    public int Count;
}
