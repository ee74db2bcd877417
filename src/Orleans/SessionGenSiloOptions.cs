using System.Text.Json;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>What <see cref="SessionGenSiloBuilderExtensions.AddSessionGen"/> gives each silo's <see cref="SessionHost"/>.</summary>
public sealed class SessionGenSiloOptions
{
    private readonly Dictionary<string, SessionProcessDefinition> processes = new(StringComparer.Ordinal);

    /// <summary>
    /// Where durable sessions are kept: the same store for every silo of the cluster (a database, or in tests one
    /// process-wide <see cref="InMemorySessionStore"/>), which is how a session survives the silo it ran on.
    /// </summary>
    public ISessionStore? Store { get; set; }

    /// <summary>
    /// The JSON options messages and results travel with (and stored state is written with, see
    /// <see cref="SessionHostOptions.SerializerOptions"/>): give the same source-generated context as the clients'
    /// <see cref="ClusterSessionHost"/>. The silo makes them read-only when it starts, as a first serializer call would.
    /// </summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>The clock of each silo's session host (timeouts); <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// When set, each durable session that is running has an Orleans reminder with this period (at least
    /// <c>ReminderOptions.MinimumReminderPeriod</c>), so that after its silo is lost its grain is activated elsewhere
    /// and its stored timeouts fire without waiting for a message (at most one period late). Needs a reminder service
    /// whose table outlives a silo (<c>siloBuilder.AddReminders()</c> plus a shared <c>IReminderTable</c>). Null (the
    /// default): no reminders; a session's timeouts are re-armed by the next message that activates its grain.
    /// </summary>
    public TimeSpan? WakeUpPeriod { get; set; }

    /// <summary>
    /// How long a session's grain waits for a sender's missing one-way post while later ones from that sender are
    /// buffered, before it gives that post up and hands the later ones on (2 s by default; more than zero). A post is
    /// missing when it was lost on the way (its silo died) or was taken by an activation of the grain that has
    /// since gone. At most 30 s, half the time a sender keeps its route unused (<see cref="SessionRoutes.IdleLifetime"/>):
    /// a sender whose route was dropped posts again as a new sender, which must not overtake the old one's buffered
    /// posts. See docs/orleans.md, "One-way posts".
    /// </summary>
    public TimeSpan PostGapTimeout
    {
        get => postGapTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxPostGapTimeout);
            postGapTimeout = value;
        }
    }

    /// <summary>
    /// How many posts of one sender a session's grain buffers behind a missing one before it gives the missing one up
    /// at once (10,000 by default; at least 1). Keep it at least the senders' <see cref="ClusterSessionHost.PostWindow"/>,
    /// which bounds what a sender has in flight.
    /// </summary>
    public int PostReorderCapacity
    {
        get => postReorderCapacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            postReorderCapacity = value;
        }
    }

    // Half of SessionRoutes.IdleLifetime (a minute): see PostGapTimeout.
    private static readonly TimeSpan MaxPostGapTimeout = TimeSpan.FromSeconds(30);

    private TimeSpan postGapTimeout = TimeSpan.FromSeconds(2);
    private int postReorderCapacity = 10_000;

    /// <summary>Anything else of each silo's <see cref="SessionHostOptions"/>, set last.</summary>
    public Action<SessionHostOptions>? ConfigureHost { get; set; }

    /// <summary>The processes added with <see cref="AddProcess"/>.</summary>
    public IReadOnlyCollection<SessionProcessDefinition> Processes => processes.Values;

    /// <summary>
    /// Lets the silos run sessions of a process that is not durable (a durable process is found by its name without
    /// this): pass its generated <c>P.SessionDefinition.Instance</c>. Such a session lives on one silo and is lost with it.
    /// </summary>
    public SessionGenSiloOptions AddProcess(SessionProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        processes[definition.ProtocolName] = definition;
        return this;
    }

    internal SessionProcessDefinition? Find(string process) =>
        processes.GetValueOrDefault(process) ?? DurableProcessCatalog.Find(process);
}
