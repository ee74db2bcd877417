namespace SessionGen.Generator.Model;

/// <summary>An <c>[On]</c> handler.</summary>
/// <param name="Name">The operation's name.</param>
/// <param name="StartsSession">Whether it is a starter.</param>
/// <param name="Handler">The method that handles it.</param>
internal sealed record OperationModel(string Name, bool StartsSession, HandlerModel Handler);
