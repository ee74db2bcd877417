using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>A started session of one of the interleaved processes, behind one shape so a round can drive any of them.</summary>
internal sealed record InterleavedTarget(
    InterleavedProcess Process, SessionId Id, Func<Step, CancellationToken, ValueTask<int>> Send, Func<Step, bool> Post);

/// <summary>One of the interleaved processes (see Processes/Interleaved.cs): how to start it and what its settings allow.</summary>
internal sealed class InterleavedProcess
{
    public static readonly InterleavedProcess Kept = new(nameof(Kept), StartKeptAsync);
    public static readonly InterleavedProcess Ending = new(nameof(Ending), StartEndingAsync);
    public static readonly InterleavedProcess Waiting = new(nameof(Waiting), StartWaitingAsync) { Bounded = true };
    public static readonly InterleavedProcess FailFast = new(nameof(FailFast), StartFailFastAsync) { Bounded = true, RefusesWhenFull = true };
    public static readonly InterleavedProcess Limited = new(nameof(Limited), StartLimitedAsync) { TimeLimited = true };
    public static readonly InterleavedProcess Timed = new(nameof(Timed), StartTimedAsync) { TimeLimited = true, Bounded = true, Expires = true };

    private readonly Func<SessionHost, RoundLedger, Step, CancellationToken, ValueTask<InterleavedTarget>> start;

    private InterleavedProcess(string name, Func<SessionHost, RoundLedger, Step, CancellationToken, ValueTask<InterleavedTarget>> start)
    {
        Name = name;
        this.start = start;
    }

    public string Name { get; }

    /// <summary>A bounded mailbox: one-way posts may be refused when it is full.</summary>
    public bool Bounded { get; private init; }

    /// <summary>Awaited senders are refused (MailboxFullException) rather than wait for room.</summary>
    public bool RefusesWhenFull { get; private init; }

    public bool TimeLimited { get; private init; }

    public bool Expires { get; private init; }

    public ValueTask<InterleavedTarget> StartAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token) =>
        start(host, ledger, step, token);

    /// <summary>The step a dead letter's message carries, whichever process and operation it was for.</summary>
    public static Step? StepOf(object message) => message switch
    {
        InterleavedKept.Messages.Work m => m.Step,
        InterleavedKept.Messages.Open m => m.Step,
        InterleavedEnding.Messages.Work m => m.Step,
        InterleavedEnding.Messages.Open m => m.Step,
        InterleavedWaiting.Messages.Work m => m.Step,
        InterleavedWaiting.Messages.Open m => m.Step,
        InterleavedFailFast.Messages.Work m => m.Step,
        InterleavedFailFast.Messages.Open m => m.Step,
        InterleavedLimited.Messages.Work m => m.Step,
        InterleavedLimited.Messages.Open m => m.Step,
        InterleavedTimed.Messages.Work m => m.Step,
        InterleavedTimed.Messages.Open m => m.Step,
        _ => null,
    };

    public override string ToString() => Name;

    private static async ValueTask<InterleavedTarget> StartKeptAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token)
    {
        InterleavedKept.Client client = await InterleavedKept.StartAsync(host, ledger, step, token);
        return new(Kept, client.Id, (s, t) => client.WorkAsync(ledger, s, t), s => client.PostWork(ledger, s));
    }

    private static async ValueTask<InterleavedTarget> StartEndingAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token)
    {
        InterleavedEnding.Client client = await InterleavedEnding.StartAsync(host, ledger, step, token);
        return new(Ending, client.Id, (s, t) => client.WorkAsync(ledger, s, t), s => client.PostWork(ledger, s));
    }

    private static async ValueTask<InterleavedTarget> StartWaitingAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token)
    {
        InterleavedWaiting.Client client = await InterleavedWaiting.StartAsync(host, ledger, step, token);
        return new(Waiting, client.Id, (s, t) => client.WorkAsync(ledger, s, t), s => client.PostWork(ledger, s));
    }

    private static async ValueTask<InterleavedTarget> StartFailFastAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token)
    {
        InterleavedFailFast.Client client = await InterleavedFailFast.StartAsync(host, ledger, step, token);
        return new(FailFast, client.Id, (s, t) => client.WorkAsync(ledger, s, t), s => client.PostWork(ledger, s));
    }

    private static async ValueTask<InterleavedTarget> StartLimitedAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token)
    {
        InterleavedLimited.Client client = await InterleavedLimited.StartAsync(host, ledger, step, token);
        return new(Limited, client.Id, (s, t) => client.WorkAsync(ledger, s, t), s => client.PostWork(ledger, s));
    }

    private static async ValueTask<InterleavedTarget> StartTimedAsync(SessionHost host, RoundLedger ledger, Step step, CancellationToken token)
    {
        InterleavedTimed.Client client = await InterleavedTimed.StartAsync(host, ledger, step, token);
        return new(Timed, client.Id, (s, t) => client.WorkAsync(ledger, s, t), s => client.PostWork(ledger, s));
    }
}
