namespace SessionGen.AspNetCore.Tests;

public enum DoorState
{
    Closed,
    Open,
}

/// <summary>Lets a test hold a door's turn: <c>Hold</c> says it has begun, then waits until released.</summary>
public sealed class DoorLatch
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The process the dashboard tests watch: a protocol with a timeout, a turn a test can hold, a fault, an end.</summary>
[SessionProcess("Dashboard.Door", States = typeof(DoorState))]
public partial class Door(DoorLatch latch)
{
    [On("Install", StartsSession = true)]
    private void Install()
    {
    }

    [On("Open")]
    [AcceptedIn(DoorState.Closed)]
    [MovesTo(DoorState.Open)]
    private void Open()
    {
        MoveTo(DoorState.Open);
        ScheduleAutoClose(TimeSpan.FromMinutes(1));
    }

    [OnTimeout("AutoClose")]
    [AcceptedIn(DoorState.Open)]
    [MovesTo(DoorState.Closed)]
    private void AutoClose() => MoveTo(DoorState.Closed);

    /// <summary>A visitor rings; the name is the message's payload, which the dashboard must never show.</summary>
    [On("Ring")]
    private void Ring(string visitor)
    {
    }

    [On("Hold")]
    private async Task Hold()
    {
        latch.Entered.TrySetResult();
        await latch.Released.Task;
    }

    [On("Jam")]
    private void Jam() => throw new InvalidOperationException("jammed");

    [On("Remove")]
    private void Remove() => EndSession();
}
