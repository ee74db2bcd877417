using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// A <see cref="FakeTimeProvider"/> seen through a wrapper that notes every call made into it (or into its timers)
/// while a <see cref="TimerWheel"/>'s gate is held, and that can run a step of "another thread" at the moment the
/// wheel reads the clock or sets its timer. Single-threaded tests only: the gate being held then means held by the caller.
/// </summary>
internal sealed class WatchedTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    /// <summary>The wheel whose gate is watched; set once the wheel exists.</summary>
    public TimerWheel? Wheel { get; set; }

    /// <summary>The calls made while the wheel's gate was held.</summary>
    public List<string> CallsUnderGate { get; } = [];

    /// <summary>How many calls were made at all (so a test knows the watch saw something).</summary>
    public int Calls { get; private set; }

    /// <summary>Runs once, inside the next <see cref="ITimer.Change"/>, before the timer is actually changed.</summary>
    public Action? BeforeNextChange { get; set; }

    /// <summary>Runs once, inside the next <see cref="GetTimestamp"/>, before the clock is read.</summary>
    public Action? BeforeNextTimestamp { get; set; }

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow()
    {
        Note(nameof(GetUtcNow));
        return inner.GetUtcNow();
    }

    public override long GetTimestamp()
    {
        if (Note(nameof(GetTimestamp)) && BeforeNextTimestamp is { } step)
        {
            BeforeNextTimestamp = null;
            step();
        }

        return inner.GetTimestamp();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Note(nameof(CreateTimer));
        return new WatchedTimer(this, inner.CreateTimer(callback, state, dueTime, period));
    }

    /// <returns>Whether the gate was free (so the caller may call back into the wheel).</returns>
    private bool Note(string call)
    {
        Calls++;
        if (Wheel?.IsGateHeld == true)
        {
            CallsUnderGate.Add(call);
            return false;
        }

        return true;
    }

    private sealed class WatchedTimer(WatchedTimeProvider owner, ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Calling back into the wheel under its own gate would spin forever: only note that, then.
            if (owner.Note("ITimer.Change") && owner.BeforeNextChange is { } step)
            {
                owner.BeforeNextChange = null;
                step();
            }

            return timer.Change(dueTime, period);
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
