namespace SessionGen;

/// <summary>Why a session ended, as a <see cref="SessionObserver"/> and the <c>sessiongen.sessions.ended</c> metric report it.</summary>
public enum SessionEndReason
{
    /// <summary>A handler called <c>EndSession</c>, or the session expired after its idle timeout.</summary>
    Completed,

    /// <summary>A handler fault ended it (the process's fault policy is <see cref="SessionFaultPolicy.EndSession"/>).</summary>
    Faulted,

    /// <summary>Its host stopped.</summary>
    HostStopping,
}
