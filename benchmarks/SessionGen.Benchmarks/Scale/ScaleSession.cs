namespace SessionGen.Benchmarks.Scale;

/// <summary>The idle session of the scale benchmarks: the user's state is one counter, touched by one message.</summary>
[SessionProcess]
public partial class ScaleSession
{
    private int count;

    /// <summary>The starter: does nothing, so starting measures the runtime alone.</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>The message that reaches a random session.</summary>
    [On("Touch")]
    public void Touch(int amount) => count += amount;
}
