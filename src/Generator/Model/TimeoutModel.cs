namespace SessionGen.Generator.Model;

/// <summary>An <c>[OnTimeout]</c> handler, scheduled by the generated <c>Schedule{Name}</c>.</summary>
/// <param name="Name">The timeout's C# name (its first letter upper-cased).</param>
/// <param name="Names">The C# names generated for it.</param>
/// <param name="Handler">The method that handles it.</param>
/// <param name="Transitions">Where it is accepted and where it may lead, under a protocol.</param>
internal sealed record TimeoutModel(string Name, TimeoutNamesModel Names, HandlerModel Handler, TransitionsModel Transitions);
