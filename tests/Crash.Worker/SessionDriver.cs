using System.Diagnostics;
using System.Text.Json;
using SessionManagerSample;

namespace SessionGen.Crash.Worker;

/// <summary>
/// Drives one session as a client would after a restart: starts it unless its start was acknowledged, retries the first
/// unacknowledged step with its message id and goes on; prints "ack" and "event" lines as answers and events arrive.
/// </summary>
internal abstract class SessionDriver(SessionHost host, string name, int seed, Progress progress, bool finish)
{
    protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim eventArrived = new(0);
    private SessionSubscription? events;
    private long lastPrinted = progress.LastSequence;

    protected SessionHost Host => host;

    protected SessionId Id { get; } = new(name);

    protected string Name => name;

    protected int Seed => seed;

    /// <summary>The last step this worker sent or posted (the one before <see cref="Progress.NextStep"/> if none).</summary>
    protected int Reached { get; private set; } = progress.NextStep - 1;

    public static SessionDriver For(SessionHost host, string name, int seed, Progress progress, bool finish) =>
        Plan.IsLedger(name) ? new LedgerDriver(host, name, seed, progress, finish) : new ManagerDriver(host, name, seed, progress, finish);

    public async Task RunAsync()
    {
        if (!progress.Started)
        {
            try
            {
                await Host.SendAsync(Id, Starter());
            }
            catch (SessionAlreadyExistsException)
            {
                // Started (and stored) before the kill, but the answer never came: the start is not applied twice.
            }

            Output.Line($"started {name}");
        }

        await LoadAsync();
        for (int step = progress.NextStep; step <= Plan.LastStep(name); step++)
        {
            StepPlan plan = Plan.Of(seed, name, step);
            MessageId id = Plan.IdOf(name, step);
            Reached = step;
            if (plan.Post)
            {
                // A durable post's true comes once its turn is stored: it is acknowledged as surely as a send.
                if (!await PostAsync(step, plan, id))
                {
                    throw new InvalidOperationException($"{name}: the post of step {step} was not accepted.");
                }

                Output.Line($"posted {name} {step}");
                continue;
            }

            string result = await SendAsync(step, plan, id);
            Output.Line($"ack {name} {step} {result}");
            Subscribe();
            if (finish)
            {
                break; // every step up to here is acknowledged now
            }
        }
    }

    /// <summary>Waits until every timeout the applied steps armed has run, then prints the session's final state.</summary>
    public abstract Task CheckAsync();

    protected abstract object Starter();

    /// <summary>Brings the session into memory before any post reaches it, when the process has a message that only reads.</summary>
    protected abstract Task LoadAsync();

    protected abstract ValueTask<bool> PostAsync(int step, StepPlan plan, MessageId id);

    protected abstract Task<string> SendAsync(int step, StepPlan plan, MessageId id);

    /// <summary>
    /// Resumes the session's events after the last one the test read (the session must be in memory: a subscription does
    /// not load it). The stored recent events are replayed first; "missed" means some were no longer kept.
    /// </summary>
    protected void Subscribe()
    {
        if (events is not null)
        {
            return;
        }

        events = Host.Subscribe(Id, participant: null, progress.LastSequence, out long missed);
        if (missed > 0)
        {
            Output.Line($"missed {name} {missed}");
        }

        _ = PrintEventsAsync(events);
    }

    /// <summary>The sequence number of the last event printed.</summary>
    protected long LastPrinted => Volatile.Read(ref lastPrinted);

    /// <summary>Waits for the next event of the session (any), false after <paramref name="timeout"/>.</summary>
    protected Task<bool> NextEventAsync(TimeSpan timeout) => eventArrived.WaitAsync(timeout);

    /// <summary>An event as "kind key": "applied 7", "rang 7", "joined p3", "error p3", "welcome p3".</summary>
    protected static (string Kind, string Key) Describe(object payload) => payload switch
    {
        Applied applied => ("applied", applied.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Rang rang => ("rang", rang.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ParticipantJoined joined => ("joined", joined.Name),
        ParticipantLeft left => ("left", left.Name),
        SessionError error => ("error", error.Name),
        Message message => ("welcome", message.To),

        // Events from before the last reload come back as their type's name and their JSON.
        RestoredEvent { Type: nameof(Applied), Data: var data } => ("applied", data.GetProperty("Step").ToString()),
        RestoredEvent { Type: nameof(Rang), Data: var data } => ("rang", data.GetProperty("Step").ToString()),
        RestoredEvent { Type: nameof(ParticipantJoined), Data: var data } => ("joined", data.GetProperty("Name").GetString()!),
        RestoredEvent { Type: nameof(ParticipantLeft), Data: var data } => ("left", data.GetProperty("Name").GetString()!),
        RestoredEvent { Type: nameof(SessionError), Data: var data } => ("error", data.GetProperty("Name").GetString()!),
        RestoredEvent { Type: nameof(Message), Data: var data } => ("welcome", data.GetProperty("To").GetString()!),
        _ => ("unknown", payload.GetType().Name),
    };

    protected static CancellationTokenSource Guarded() => new(Guard);

    private async Task PrintEventsAsync(SessionSubscription subscription)
    {
        try
        {
            await foreach (SessionEvent received in subscription)
            {
                (string kind, string key) = Describe(received.Payload);
                Output.Line($"event {name} {received.Sequence} {kind} {key}");
                Volatile.Write(ref lastPrinted, received.Sequence);
                eventArrived.Release();
            }
        }
        catch (SubscriptionOverflowException)
        {
            Output.Line($"overflow {name}");
        }
    }
}

/// <summary>The crash test's own process: posts and sends, timeouts, and a read that reports its fields.</summary>
internal sealed class LedgerDriver(SessionHost host, string name, int seed, Progress progress, bool finish)
    : SessionDriver(host, name, seed, progress, finish)
{
    private Ledger.Client Client => Ledger.Connect(Host, Id);

    public override async Task CheckAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            LedgerState state = await Client.ReadAsync();
            int armed = state.Steps.Count(step => Plan.Of(Seed, Name, step).RingInMs > 0);
            // Every turn after the start emits one event: once all are printed, the test has seen every one.
            if (state.Rang.Length >= armed && LastPrinted >= state.Count + state.Rings)
            {
                Output.Line($"final-ledger {Name} {state.Count} {state.Rings} {List(state.Steps)} {List(state.Rang)}");
                return;
            }

            if (!await NextEventAsync(Guard - waited.Elapsed))
            {
                throw new TimeoutException(
                    $"{Name}: after {Guard}, {state.Rang.Length} of {armed} timeouts have run and events up to {LastPrinted} of {state.Count + state.Rings} were printed.");
            }
        }
    }

    protected override object Starter() => new Ledger.Messages.Open();

    protected override async Task LoadAsync()
    {
        await Client.ReadAsync();
        Subscribe();
    }

    protected override ValueTask<bool> PostAsync(int step, StepPlan plan, MessageId id) => Client.PostApplyAsync(step, plan.RingInMs, id);

    protected override async Task<string> SendAsync(int step, StepPlan plan, MessageId id) =>
        (await Client.ApplyAsync(step, plan.RingInMs, id)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string List(int[] values) => values.Length == 0 ? "-" : string.Join(',', values);
}

/// <summary>The seed's SessionManager, durable: participants p1, p2, ... join, and each is welcomed 500 ms later.</summary>
internal sealed class ManagerDriver(SessionHost host, string name, int seed, Progress progress, bool finish)
    : SessionDriver(host, name, seed, progress, finish)
{
    private SessionManager.Client Client => SessionManager.Connect(Host, Id);

    public override async Task CheckAsync()
    {
        // It has no message that only reads, so this one loads it: answered with SessionError("participant not found").
        await Client.LeaveAsync("nobody");
        Subscribe();
        for (int step = 1; step <= Reached; step++)
        {
            string participant = Plan.Participant(step);
            using CancellationTokenSource guard = Guarded();

            // Replays every retained event for the participant (all of them: the log holds 100), then waits for its welcome.
            await using SessionSubscription seen = Host.Subscribe(Id, participant, afterSequence: 0, out long missed);
            var counts = new Dictionary<string, int> { ["joined"] = 0, ["error"] = 0, ["welcome"] = 0, ["left"] = 0 };
            while (counts["welcome"] == 0)
            {
                Count(await seen.ReadAsync(guard.Token), participant, counts);
            }

            while (seen.TryRead(out SessionEvent? more))
            {
                Count(more, participant, counts);
            }

            Output.Line($"final-manager {Name} {participant} missed={missed} joined={counts["joined"]} error={counts["error"]} welcome={counts["welcome"]} left={counts["left"]}");
        }
    }

    protected override object Starter() => new SessionManager.Messages.Initialize(Name, []);

    protected override Task LoadAsync() => Task.CompletedTask; // loaded by its first (awaited) join

    protected override ValueTask<bool> PostAsync(int step, StepPlan plan, MessageId id) => Client.PostJoinAsync(Plan.Participant(step), id);

    protected override async Task<string> SendAsync(int step, StepPlan plan, MessageId id) =>
        (await Client.JoinAsync(Plan.Participant(step), id)).ToString();

    private static void Count(SessionEvent received, string participant, Dictionary<string, int> counts)
    {
        (string kind, string key) = Describe(received.Payload);
        if (key == participant && counts.ContainsKey(kind))
        {
            counts[kind]++;
        }
    }
}
