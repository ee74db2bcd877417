namespace SessionGen;

/// <summary>A scheduled timeout; <see cref="Cancel"/> stops it if it has not run yet.</summary>
public readonly struct TimeoutHandle
{
    private readonly TimerEntry? entry;

    // The entry's version when this handle was made: a cancelled entry may be reused for a later timeout of its session
    // (TimerWheel.Reuse.cs), with a new version, which this handle's Cancel then never matches.
    private readonly int version;

    internal TimeoutHandle(TimerEntry entry)
    {
        this.entry = entry;
        version = entry.Version;
    }

    /// <summary>The wheel's entry, or null for a default handle.</summary>
    internal TimerEntry? Entry => entry;

    /// <summary>
    /// Stops the timeout. Returns <see langword="true"/> when this call stopped a timeout that had not run yet, which
    /// then never runs (also when it is already due, taken by the wheel or waiting in its session's queue);
    /// <see langword="false"/> when it has already run or started, was already cancelled, or its session has ended.
    /// </summary>
    public bool Cancel() => entry is not null && entry.Wheel.Cancel(entry, version);
}
