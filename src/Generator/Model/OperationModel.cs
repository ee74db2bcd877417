using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>An <c>[On]</c> handler.</summary>
/// <param name="Name">The operation's name.</param>
/// <param name="Names">The C# names generated for it.</param>
/// <param name="StartsSession">Whether it is a starter.</param>
/// <param name="Handler">The method that handles it.</param>
/// <param name="Transitions">Where it is accepted and where it may lead, under a protocol.</param>
/// <param name="Correlation">The correlation parts its message carries.</param>
internal sealed record OperationModel(
    string Name,
    OperationNamesModel Names,
    bool StartsSession,
    HandlerModel Handler,
    TransitionsModel Transitions,
    EquatableArray<CorrelationPartModel> Correlation);
