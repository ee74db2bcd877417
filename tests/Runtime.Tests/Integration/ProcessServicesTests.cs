using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>A process without a parameterless constructor is built by its generated factory from the host's services.</summary>
[Collection(ProbeHosts.Collection)]
public sealed class ProcessServicesTests
{
    [Fact]
    public async Task Constructor_parameters_come_from_the_hosts_services()
    {
        await using SessionHost host = ProbeHosts.Create(out var time);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();

        Assert.Equal(1, await probe.PingAsync(1_000).Guarded());
        Assert.Equal(TimeSpan.FromSeconds(1), time.GetUtcNow() - time.Start);
    }

    [Fact]
    public async Task A_missing_service_is_named_in_the_error()
    {
        await using SessionHost host = TestHosts.Create(out _);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Probe.StartAsync(host).Guarded());

        Assert.Contains("Probe", error.Message);
        Assert.Contains("FakeTimeProvider", error.Message);
        Assert.Contains("'clock'", error.Message);
        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task Optional_parameters_fall_back_to_their_defaults_and_use_services_when_registered()
    {
        await using SessionHost bare = TestHosts.Create(out _);
        Defaults.Client withoutServices = await Defaults.StartAsync(bare).Guarded();
        Assert.Equal("none/3", await withoutServices.DescribeAsync().Guarded());

        await using var served = new SessionHost(new SessionHostOptions { Services = new ServiceMap(System.Globalization.CultureInfo.InvariantCulture) });
        Defaults.Client withServices = await Defaults.StartAsync(served).Guarded();
        Assert.Equal("CultureInfo/3", await withServices.DescribeAsync().Guarded());
    }
}
