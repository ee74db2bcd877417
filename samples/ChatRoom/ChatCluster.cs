using System.Globalization;
using System.Net;
using Orleans.Configuration;
using SessionGen;
using SessionGen.Orleans;

namespace ChatRoom;

/// <summary>
/// Cluster mode (<c>--cluster "Host=…"</c>): the app is also an Orleans silo, and several copies of it, each on its own
/// silo and HTTP port, serve the same rooms. Orleans keeps its membership, grain storage and reminders in PostgreSQL
/// (the ADO.NET providers; scripts/postgres/start.sh makes the database), the rooms are kept in the same database
/// (<see cref="ChatRoomApp"/>'s durable store), and the HTTP endpoints, the lobby and the sign-in reach each room
/// through a <see cref="ClusterSessionHost"/>, the <see cref="ISessionHost"/> of this mode: a room runs on one silo at
/// a time, whichever process the browser talks to. When a silo dies, its rooms are loaded from the store on another.
/// </summary>
public static class ChatCluster
{
    /// <summary>The Npgsql connection string (command line: <c>--cluster</c>). Set: cluster mode.</summary>
    public const string ConnectionStringKey = "ChatRoom:Cluster:PostgreSql";

    /// <summary>Which cluster this silo joins (<c>--cluster-id</c>; default <see cref="DefaultClusterId"/>): silos of one cluster share it.</summary>
    public const string ClusterIdKey = "ChatRoom:Cluster:Id";

    /// <summary>The silo-to-silo port (<c>--silo-port</c>; default 11111): one per process on a machine.</summary>
    public const string SiloPortKey = "ChatRoom:Cluster:SiloPort";

    /// <summary>The port Orleans clients would connect to (<c>--gateway-port</c>; default 30000): one per process on a machine.</summary>
    public const string GatewayPortKey = "ChatRoom:Cluster:GatewayPort";

    /// <summary>
    /// Seconds a silo waits for a probe's answer from another (<c>--probe-timeout</c>; Orleans' default, 5, when not set).
    /// Set: two missed probes in a row make a silo suspect it, and it is declared dead (see <see cref="ConfigureFailureDetection"/>).
    /// </summary>
    public const string ProbeTimeoutKey = "ChatRoom:Cluster:ProbeTimeoutSeconds";

    /// <summary>
    /// Orleans' service id (<c>--service-id</c>; default <see cref="DefaultServiceId"/>): the same for every deployment of
    /// this app, since its grain storage and reminders (the rooms' wake-ups) are kept by it.
    /// </summary>
    public const string ServiceIdKey = "ChatRoom:Cluster:ServiceId";

    /// <summary>
    /// The PostgreSQL schema of the rooms' store (<c>--store-schema</c>; the store's default, <c>sessiongen</c>, when not
    /// set). A test gives each run its own schema and service id, so it starts with no rooms.
    /// </summary>
    public const string StoreSchemaKey = "ChatRoom:Cluster:StoreSchema";

    public const string DefaultClusterId = "chatroom";

    public const string DefaultServiceId = "sessiongen-chatroom";

    /// <summary>How often each open room's reminder wakes its grain, so its idle timeout still fires after its silo is lost (Orleans' minimum).</summary>
    public static readonly TimeSpan WakeUpPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The command-line switches of cluster mode, to the configuration keys above.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Switches =>
    [
        new("--cluster", ConnectionStringKey),
        new("--cluster-id", ClusterIdKey),
        new("--silo-port", SiloPortKey),
        new("--gateway-port", GatewayPortKey),
        new("--probe-timeout", ProbeTimeoutKey),
        new("--service-id", ServiceIdKey),
        new("--store-schema", StoreSchemaKey),
    ];

    /// <summary>The connection string when the app runs as a silo, else null.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] is { Length: > 0 } connectionString ? connectionString : null;

    /// <summary>
    /// Makes the app a silo of the cluster in <paramref name="connectionString"/>'s database, running the rooms over a
    /// <see cref="PostgreSqlSessionStore"/> in the same database (every silo reaches it, so a room outlives the silo it
    /// ran on), and registers the <see cref="ClusterSessionHost"/> through which the endpoints reach them.
    /// </summary>
    public static void AddChatCluster(this WebApplicationBuilder builder, string connectionString)
    {
        IConfiguration configuration = builder.Configuration;
        string clusterId = configuration[ClusterIdKey] is { Length: > 0 } id ? id : DefaultClusterId;
        string serviceId = configuration[ServiceIdKey] is { Length: > 0 } service ? service : DefaultServiceId;
        ISessionStore store = configuration[StoreSchemaKey] is { Length: > 0 } schema
            ? new PostgreSqlSessionStore(new PostgreSqlSessionStoreOptions { ConnectionString = connectionString, Schema = schema })
            : new PostgreSqlSessionStore(connectionString);
        int siloPort = Port(configuration, SiloPortKey, 11111);
        int gatewayPort = Port(configuration, GatewayPortKey, 30000);
        TimeSpan? probeTimeout = configuration[ProbeTimeoutKey] is { Length: > 0 } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
            : null;

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });

            // The silos of this sample run on one machine: each advertises the loopback address (on several machines,
            // advertise an address the others reach).
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            if (probeTimeout is { } timeout)
            {
                silo.Configure<ClusterMembershipOptions>(options => ConfigureFailureDetection(options, timeout));
            }

            silo.AddSessionGen(options =>
            {
                options.Store = store;
                options.SerializerOptions = ChatJson.Default.Options;
                options.WakeUpPeriod = WakeUpPeriod;
                options.ConfigureHost = host => host.EventReplayCapacity = ChatRoomApp.EventReplayCapacity;
            });
        });

        // The silo's grain factory is also a cluster client, which subscriptions need (their observers are objects of this process).
        builder.Services.AddSingleton<ISessionHost>(services =>
            new ClusterSessionHost(services.GetRequiredService<IClusterClient>(), ChatJson.Default.Options));

        // Orleans says a lot at Information; the app's own log stays readable.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
    }

    /// <summary>
    /// Declares a killed silo dead within about three probe timeouts instead of Orleans' default of about twenty
    /// seconds: until then, calls to the rooms it ran wait (they are retried) and its rooms' events pause. Each silo
    /// probes the others every <paramref name="probeTimeout"/>; two missed probes in a row and it votes the silo dead;
    /// with two silos one vote is enough (Orleans needs at most half the active silos' votes).
    /// </summary>
    public static void ConfigureFailureDetection(ClusterMembershipOptions options, TimeSpan probeTimeout)
    {
        options.ProbeTimeout = probeTimeout;
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = probeTimeout;
    }

    private static int Port(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is { Length: > 0 } port ? int.Parse(port, CultureInfo.InvariantCulture) : fallback;
}
