namespace SessionGen.Orleans.Tests;

/// <summary>The silo options that the post ordering depends on.</summary>
public sealed class SiloOptionsTests
{
    [Fact]
    public void A_gap_timeout_as_long_as_a_senders_route_lifetime_is_refused()
    {
        // A sender's route (and its post counter) is dropped after a minute unused; its next post comes from a new
        // sender, which the grain does not hold behind the old one's buffered posts. A gap waited on that long would
        // let the new sender's posts overtake them.
        var options = new SessionGenSiloOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.PostGapTimeout = TimeSpan.FromMinutes(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PostGapTimeout = SessionRoutes.IdleLifetime);
        options.PostGapTimeout = TimeSpan.FromSeconds(10);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PostGapTimeout);
    }
}
