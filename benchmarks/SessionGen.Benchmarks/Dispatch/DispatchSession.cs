namespace SessionGen.Benchmarks.Dispatch;

/// <summary>A process with one operation, for measuring the generated dispatch table against a direct call.</summary>
[SessionProcess]
public partial class DispatchSession
{
    private int count;

    /// <summary>The starter.</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>The operation every benchmark dispatches to.</summary>
    [On("Add")]
    public int Add(int value)
    {
        count += value;
        return count;
    }
}
