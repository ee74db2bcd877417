using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// Whether an operation's handler takes the message's <see cref="SessionCaller"/>, and whether it needs one.
/// For code the SessionGen generator emits (and transports that describe operations); not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum CallerParameter
{
    /// <summary>The handler takes no caller: messages are handled whoever sends them.</summary>
    None,

    /// <summary>The handler takes a <c>SessionCaller?</c>: <see langword="null"/> when the message came without a caller.</summary>
    Optional,

    /// <summary>
    /// The handler takes a <see cref="SessionCaller"/>: a message without a caller is refused with
    /// <see cref="SessionCallerRequiredException"/> before it reaches the session.
    /// </summary>
    Required,
}
