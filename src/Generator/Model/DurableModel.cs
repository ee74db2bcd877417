using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>What a <c>[SessionProcess(Durable = true)]</c> process stores; null in <see cref="ProcessModel.Durable"/> for other processes.</summary>
/// <param name="Fields">The stored fields, in declaration order.</param>
internal sealed record DurableModel(EquatableArray<StoredFieldModel> Fields);
