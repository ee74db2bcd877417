using Orleans.TestingHost;
using SessionGen.Infrastructure;
using SessionGen.Orleans;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// Three in-process silos (in-memory transport), set up as tests/Orleans.Tests' <c>ClusterFixture</c> sets them up:
/// one process-wide <see cref="InMemorySessionStore"/>, the same JSON options everywhere, <see cref="Counter"/> added as
/// a process that is not durable. Also finds where grains landed, so rows can pick "same silo" and "other silo".
/// </summary>
public sealed class ThreeSilos : IAsyncDisposable
{
    private const int PlacementTries = 200;

    private ThreeSilos(InProcessTestCluster cluster, ClusterSessionHost sessions)
    {
        Cluster = cluster;
        Sessions = sessions;
    }

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>A <see cref="ClusterSessionHost"/> over the cluster's client.</summary>
    public ClusterSessionHost Sessions { get; }

    /// <summary>The client.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts three silos and the client.</summary>
    public static async Task<ThreeSilos> StartAsync()
    {
        var store = new InMemorySessionStore();
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSessionGen(options =>
        {
            options.Store = store;
            options.SerializerOptions = ClusterWire.Options;
            options.AddProcess(Counter.SessionDefinition.Instance);
        }));
        InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync().ConfigureAwait(false);
        return new ThreeSilos(cluster, new ClusterSessionHost(cluster.Client, ClusterWire.Options));
    }

    /// <summary>The silo the (active) grain <paramref name="grain"/> runs on.</summary>
    public async Task<SiloAddress> SiloOf(IAddressable grain)
    {
        SiloAddress? silo = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain).ConfigureAwait(false);
        return silo ?? throw new InvalidOperationException($"{grain} is not active.");
    }

    /// <summary>The silo of a plain counter, activated by one call.</summary>
    public async Task<SiloAddress> SiloOfPlainAsync(string key)
    {
        ICounterGrain grain = Client.GetGrain<ICounterGrain>(key);
        await grain.Add(new AddRequest("warm-up", 0)).ConfigureAwait(false);
        return await SiloOf(grain).ConfigureAwait(false);
    }

    /// <summary>The silo of a started <see cref="Counter"/> session's grain.</summary>
    public Task<SiloAddress> SiloOfSessionAsync(SessionId id) => SiloOf(SessionGrainOf("Cluster.Counter", id));

    /// <summary>A driver key (random placement) whose activation is (<paramref name="same"/>) or is not on <paramref name="silo"/>.</summary>
    public async Task<string> DriverAsync(SiloAddress silo, bool same, string prefix)
    {
        for (int i = 0; i < PlacementTries; i++)
        {
            string key = $"{prefix}-{i}";
            if (silo.Equals(await Client.GetGrain<IDriverGrain>(key).Silo().ConfigureAwait(false)) == same)
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No driver landed {(same ? "on" : "off")} {silo} in {PlacementTries} tries.");
    }

    /// <summary>The session grain of a session (its type and key as documented in docs/orleans.md), as a plain reference.</summary>
    public IAddressable SessionGrainOf(string process, SessionId id) =>
        Client.GetGrain(GrainId.Create("sessiongen-session", $"{process}/{id.Value}"));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
