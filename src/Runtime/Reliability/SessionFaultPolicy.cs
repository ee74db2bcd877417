namespace SessionGen;

/// <summary>What a session does after one of its handlers throws.</summary>
public enum SessionFaultPolicy
{
    /// <summary>The session ends (Jolie's semantics): queued messages are dead-lettered, subscriptions complete with the fault.</summary>
    EndSession,

    /// <summary>The session carries on with its next message; only the faulted message's sender sees the fault.</summary>
    KeepSession,
}
