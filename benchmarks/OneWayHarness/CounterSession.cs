namespace SessionGen.OneWayHarness;

/// <summary>The SessionGen target: counts messages and signals every <see cref="Workload.PerTarget"/>.</summary>
[SessionProcess]
public partial class CounterSession
{
    private Countdown done = null!;
    private long sum;
    private int count;

    /// <summary>The starter.</summary>
    [On("Open", StartsSession = true)]
    public void Open(Countdown done) => this.done = done;

    /// <summary>The one-way message.</summary>
    [On("Add")]
    public void Add(int value)
    {
        sum += value;
        if (++count == Workload.PerTarget)
        {
            count = 0;
            done.Signal();
        }
    }
}
