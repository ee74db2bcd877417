namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// The interleaving tests install the runtime's one, process-wide yield chooser, so they run alone: not beside each
/// other (each would perturb the other's replay) nor beside the rest of the suite (which they would slow down).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InterleavingCollection
{
    public const string Name = "Interleaving";
}
