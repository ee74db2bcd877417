using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// The runtime's yield points (SessionGen.Interleaving.Point) exist in the Debug build the tests run, so the rounds can
/// perturb them, and not at all in a Release build: a Release test run proves the calls were compiled out.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class YieldPointTests
{
    [Fact]
    public async Task A_send_passes_the_runtimes_yield_points_in_debug_builds_only()
    {
        long points = 0;
        Interleaving.Install(() => Interlocked.Increment(ref points));
        try
        {
            await using SessionHost host = TestHosts.Create(out _);
            Stressed.Client session = await Stressed.StartAsync(host).Guarded();
            Assert.Equal(1, await session.WorkAsync(0, 0, StressKind.Yield).Guarded());
        }
        finally
        {
            Interleaving.Uninstall();
        }

#if DEBUG
        Assert.True(points > 0, "no yield point was reached: the interleaving rounds would perturb nothing");
#else
        Assert.Equal(0, points);
#endif
    }
}
