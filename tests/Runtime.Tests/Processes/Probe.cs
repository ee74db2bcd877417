using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Runtime.Tests.Processes;

public sealed record Pinged(int Count);

/// <summary>
/// The process the telemetry tests watch (a protocol name no other test uses). Its clock comes through its
/// constructor, from the host's services, so handlers can take a known time.
/// </summary>
[SessionProcess("Diagnostics.Probe")]
public partial class Probe
{
    private readonly FakeTimeProvider clock;
    private int count;

    public Probe(FakeTimeProvider clock)
    {
        this.clock = clock;
    }

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Takes <paramref name="workMilliseconds"/> of the host's clock.</summary>
    [On("Ping")]
    private int Ping(int workMilliseconds)
    {
        clock.Advance(TimeSpan.FromMilliseconds(workMilliseconds));
        Emit(new Pinged(++count));
        return count;
    }

    [On("Whisper")]
    private void Whisper(string to, string text) => EmitTo(to, text);

    [On("Fail")]
    private void Fail() => throw new InvalidOperationException("probe failure");

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    /// <summary>Ends the session, then waits: messages queued meanwhile are dead-lettered.</summary>
    [On("HoldThenEnd")]
    private async Task HoldThenEnd(TaskCompletionSource started, Task release)
    {
        EndSession();
        started.TrySetResult();
        await release;
    }

    [On("Remind")]
    private void Remind(double seconds) => After(TimeSpan.FromSeconds(seconds), () => Emit("reminded"));

    /// <summary>The span the handler runs in, as seen from inside it.</summary>
    [On("CurrentSpan")]
    private string? CurrentSpan() => Activity.Current?.SpanId.ToHexString();

    [On("Stop")]
    private void Stop() => EndSession();
}

/// <summary>A constructor whose parameters all have fallbacks: it needs no services at all.</summary>
[SessionProcess("Diagnostics.Defaults")]
public partial class Defaults
{
    private readonly IFormatProvider? format;
    private readonly int retries;

    public Defaults(IFormatProvider? format = null, int retries = 3)
    {
        this.format = format;
        this.retries = retries;
    }

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Describe")]
    private string Describe() => $"{format?.GetType().Name ?? "none"}/{retries}";
}
