namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>The SessionGen process of the round-trip benchmark: answers with its argument plus one, synchronously.</summary>
[SessionProcess]
public partial class EchoSession
{
    /// <summary>The starter.</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>The request.</summary>
    [On("Echo")]
    public int Echo(int value) => value + 1;
}
