namespace SessionGen.Generator.Model;

/// <summary>An <c>[OnTimeout]</c> handler, scheduled by the generated <c>Schedule{Name}</c>.</summary>
/// <param name="Name">The timeout's name.</param>
/// <param name="Handler">The method that handles it.</param>
/// <param name="Transitions">Where it is accepted and where it may lead, under a protocol.</param>
internal sealed record TimeoutModel(string Name, HandlerModel Handler, TransitionsModel Transitions);
