namespace SessionGen.RequestResponseHarness;

/// <summary>The session of the round trip (as benchmarks/SessionGen.Benchmarks' RequestResponse): answers with its argument plus one, synchronously.</summary>
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
