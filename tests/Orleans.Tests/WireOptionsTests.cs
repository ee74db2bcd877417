using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// The JSON options of the wire are locked where the cluster takes them. Options still open to change resolve a
/// property's contract anew (reflection, kilobytes) for every value of every message: a non-durable cluster whose
/// options no serializer call had locked paid that on each call, about four times the call itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WireOptionsTests(ClusterFixture cluster)
{
    [Fact]
    public void A_client_host_locks_its_options()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = ClusterJson.Default };

        _ = new ClusterSessionHost(cluster.Cluster.Client, options);

        Assert.True(options.IsReadOnly);
    }

    [Fact]
    public async Task A_silo_locks_its_options()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = ClusterJson.Default };
        await using ServiceProvider services = new ServiceCollection().BuildServiceProvider();

        await using var sessions = new SiloSessions(new SessionGenSiloOptions { SerializerOptions = options }, services);

        Assert.True(options.IsReadOnly);
        Assert.Same(options, sessions.Json);
    }

    [Fact]
    public async Task A_host_with_options_of_its_own_still_sends_and_decodes()
    {
        // The same contract as the silos' options (another instance): messages and results still cross as before.
        var options = new JsonSerializerOptions { TypeInfoResolver = ClusterJson.Default };
        var host = new ClusterSessionHost(cluster.Cluster.Client, options);

        Probe.Client probe = await Probe.StartAsync(host).Guarded();

        Assert.Equal(9, await probe.EchoAsync(9).Guarded());
    }
}
