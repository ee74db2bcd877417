namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A durable process whose handler waits on a task the test controls (HostileDurabilityTests).</summary>
[SessionProcess(Durable = true)]
public partial class DurableLatch
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task<string> Hold(string label, TaskCompletionSource started, Task release)
    {
        log.Add(label);
        started.TrySetResult();
        await release;
        return label;
    }

    [On("Note")]
    private void Note(string label) => log.Add(label);

    [On("Log")]
    private string[] Log() => [.. log];
}

/// <summary>The same under a handler time limit of five seconds, ending the session on an overrun (HostileDurabilityTests).</summary>
[SessionProcess(Durable = true, HandlerTimeLimitSeconds = 5)]
public partial class DurableLimited
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task Hold(string label, TaskCompletionSource started, Task release)
    {
        log.Add(label);
        started.TrySetResult();
        await release;
    }

    [On("Note")]
    private void Note(string label) => log.Add(label);

    [On("Log")]
    private string[] Log() => [.. log];
}

/// <summary>A durable process that keeps its session when a handler throws (HostileDurabilityTests).</summary>
[SessionProcess(Durable = true, FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class DurableKept
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Note")]
    private void Note(string label) => log.Add(label);

    [On("Fail")]
    private void Fail(string label)
    {
        log.Add(label);
        throw new InvalidOperationException("refused " + label);
    }

    [On("Log")]
    private string[] Log() => [.. log];
}

/// <summary>A durable process that runs one session at a time (HostileDurabilityTests).</summary>
[SessionProcess(Durable = true, Execution = ExecutionMode.Sequential)]
public partial class DurableTurnstile
{
    private string who = "";

    [On("Enter", StartsSession = true)]
    private void Enter(string who) => this.who = who;

    [On("Who")]
    private string Who() => who;

    [On("Leave")]
    private void Leave() => EndSession();
}

/// <summary>A durable process with one session per host (HostileDurabilityTests).</summary>
[SessionProcess(Durable = true, Execution = ExecutionMode.Single)]
public partial class DurableRegistry
{
    private readonly List<string> names = new();

    [On("Boot", StartsSession = true)]
    private void Boot()
    {
    }

    [On("Register")]
    private int Register(string name)
    {
        names.Add(name);
        return names.Count;
    }
}

/// <summary>
/// A durable process whose mailbox holds one message and makes further senders wait for room (UnloadWaitingSenderTests).
/// </summary>
[SessionProcess(Durable = true, MailboxCapacity = 1, MailboxFullMode = MailboxFullMode.Wait)]
public partial class DurableNarrow
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task<string> Hold(string label, TaskCompletionSource started, Task release)
    {
        log.Add(label);
        started.TrySetResult();
        await release;
        return label;
    }

    [On("Note")]
    private void Note(string label) => log.Add(label);

    [On("Log")]
    private string[] Log() => [.. log];
}

/// <summary>A session that is not durable, started under an id a durable session has in the store (ForeignSessionLoadTests).</summary>
[SessionProcess]
public partial class Fleeting
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Close")]
    private void Close() => EndSession();
}

/// <summary>A durable process that runs one session at a time, with a handler the test holds (SequentialReloadTests).</summary>
[SessionProcess(Durable = true, Execution = ExecutionMode.Sequential)]
public partial class DurableQueueLatch
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task<string> Hold(string label, TaskCompletionSource started, Task release)
    {
        log.Add(label);
        started.TrySetResult();
        await release;
        return label;
    }

    [On("Note")]
    private void Note(string label) => log.Add(label);

    [On("Log")]
    private string[] Log() => [.. log];
}
