using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// Implemented by every generated <c>P.Messages.*</c> record: it names the operation the message is for,
/// which is how untyped sends find their handler without reflection.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISessionMessage
{
    /// <summary>The operation this message is for.</summary>
    SessionOperation Operation { get; }
}
