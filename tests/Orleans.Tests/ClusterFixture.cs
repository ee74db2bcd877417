using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SessionGen.Orleans.Tests;

/// <summary>Three in-process silos over one process-wide store, and a <see cref="ClusterSessionHost"/> on its client.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly bool wakeUpReminders;
    private readonly TimeSpan? postGapTimeout;
    private readonly int silos = 3;

    public ClusterFixture()
    {
    }

    /// <param name="wakeUpReminders">Whether durable sessions keep wake-up reminders in a table shared by the silos.</param>
    /// <param name="postGapTimeout">The silos' <see cref="SessionGenSiloOptions.PostGapTimeout"/>; null keeps the default.</param>
    /// <param name="silos">How many silos (one: every grain is placed on it).</param>
    internal ClusterFixture(bool wakeUpReminders = false, TimeSpan? postGapTimeout = null, int silos = 3)
    {
        this.wakeUpReminders = wakeUpReminders;
        this.postGapTimeout = postGapTimeout;
        this.silos = silos;
    }

    public SharedReminderTable Reminders { get; } = new();

    public InMemorySessionStore Store { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ClusterSessionHost Host { get; private set; } = null!;

    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddIncomingGrainCallFilter<ProgressCallFilter>());
        builder.ConfigureClient(client => client.AddOutgoingGrainCallFilter<ProgressCallFilter>());
        builder.ConfigureSilo((_, silo) => silo.AddSessionGen(options =>
        {
            options.Store = Store;
            options.SerializerOptions = Wire.Options;
            options.AddProcess(Ledger.SessionDefinition.Instance);
            options.AddProcess(Probe.SessionDefinition.Instance);
            options.AddProcess(Relay.SessionDefinition.Instance);
            if (postGapTimeout is { } gap)
            {
                options.PostGapTimeout = gap;
            }

            if (wakeUpReminders)
            {
                options.WakeUpPeriod = TimeSpan.FromSeconds(1);
            }
        }));
        if (wakeUpReminders)
        {
            builder.ConfigureSilo((_, silo) =>
            {
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable>(Reminders);
                silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            });
        }

        Cluster = builder.Build();
        var clock = Stopwatch.StartNew();
        await Cluster.DeployAsync();
        StartTime = clock.Elapsed;
        Host = NewHost();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public ClusterSessionHost NewHost() => new(Cluster.Client, Wire.Options);

    /// <summary>A host over <paramref name="silo"/>'s grain factory: its calls leave from that silo, as a grain's there do.</summary>
    public ClusterSessionHost HostOn(InProcessSiloHandle silo) =>
        new(Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IGrainFactory>(), Wire.Options);

    /// <summary>The silos whose session host runs session <paramref name="id"/> now.</summary>
    public InProcessSiloHandle[] SilosRunning(SessionId id) =>
        [.. Cluster.Silos.Where(silo => Sessions(silo).Host.Contains(id))];

    internal SiloSessions Sessions(InProcessSiloHandle silo) =>
        Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<SiloSessions>();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

internal static class Guards
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static Task Guarded(this Task task) => task.WaitAsync(Guard);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Guard);

    public static Task Guarded(this ValueTask task) => task.AsTask().WaitAsync(Guard);

    public static Task<T> Guarded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Guard);

    /// <summary>
    /// Checks <paramref name="condition"/> now and again after each sign of progress in the cluster
    /// (<see cref="ClusterProgress"/>), until it holds; false when <paramref name="within"/> passes first. No clock
    /// decides when to look: <paramref name="within"/> only bounds a test that would otherwise hang.
    /// </summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task progress = ClusterProgress.Next; // read before checking: progress made during the check is not missed
            bool holds;
            using (ProgressCallFilter.Checking())
            {
                holds = await condition();
            }

            if (holds)
            {
                return true;
            }

            TimeSpan left = within - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await progress.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                return await condition();
            }
        }
    }
}
