using System.ComponentModel;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// Implemented by the generator for every <c>[SessionProcess]</c> class of a project that references
/// SessionGen.AspNetCore; <c>MapSessionProcess&lt;P&gt;</c> takes its JSON binding from it, so no reflection is needed.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISessionHttpProcess
{
    /// <summary>Creates the process's JSON binding: its operations, with their parameters' types and JSON names.</summary>
    static abstract SessionJsonBinding CreateJsonBinding();
}
