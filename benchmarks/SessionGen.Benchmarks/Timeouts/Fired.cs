namespace SessionGen.Benchmarks.Timeouts;

/// <summary>The peers' timeout message; one instance serves every timeout.</summary>
public sealed class Fired
{
    /// <summary>The instance.</summary>
    public static readonly Fired Instance = new();

    private Fired()
    {
    }
}
