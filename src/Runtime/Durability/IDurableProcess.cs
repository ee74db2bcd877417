using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// A durable process's stored state: the generator implements it on every <c>[SessionProcess(Durable = true)]</c>
/// class, writing and reading each instance field not marked <see cref="TransientAttribute"/>. For code the SessionGen
/// generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDurableProcess
{
    /// <summary>Writes every stored field, by its name in the class.</summary>
    void WriteState(SessionStateWriter state);

    /// <summary>
    /// Sets every stored field that <paramref name="state"/> holds; a field it does not hold (added since) keeps the
    /// value the constructor and initializers gave it, and a name it holds that no field has any more is ignored.
    /// </summary>
    void ReadState(SessionStateReader state);
}
