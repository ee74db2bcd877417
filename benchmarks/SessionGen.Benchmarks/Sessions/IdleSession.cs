namespace SessionGen.Benchmarks.Sessions;

/// <summary>The SessionGen process of the start benchmark: the user's state is one counter (<c>UserFields</c>).</summary>
[SessionProcess]
public partial class IdleSession
{
    private int count;

    /// <summary>The starter: does nothing, so starting measures the runtime alone.</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>An operation, so the process is like a real one; never called here.</summary>
    [On("Touch")]
    public int Touch() => ++count;
}
