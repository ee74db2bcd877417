using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>What a <c>[SessionProcess(Durable = true)]</c> process stores; null in <see cref="ProcessModel.Durable"/> for other processes.</summary>
/// <param name="Fields">The stored fields, in declaration order.</param>
/// <param name="RegistersOnLoad">
/// Whether the process is reachable from its whole assembly (it and its containing types public or internal), so a
/// module initializer can register it as the assembly loads; a restarted host finds its stored sessions' process there.
/// </param>
internal sealed record DurableModel(EquatableArray<StoredFieldModel> Fields, bool RegistersOnLoad);
