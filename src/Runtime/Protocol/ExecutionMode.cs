namespace SessionGen;

/// <summary>How many sessions of one process a host runs at once (Jolie's execution modality).</summary>
public enum ExecutionMode
{
    /// <summary>Any number, in parallel (the default).</summary>
    Concurrent,

    /// <summary>One at a time: a new starter waits until the current session has ended.</summary>
    Sequential,

    /// <summary>One for the whole host: a starter while it runs fails, and messages without an id go to it.</summary>
    Single,
}
