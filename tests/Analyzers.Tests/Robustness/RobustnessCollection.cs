namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// The robustness test uses every core itself; run alone, it neither slows the other tests nor is slowed by them.
/// </summary>
[CollectionDefinition(nameof(RobustnessCollection), DisableParallelization = true)]
public sealed class RobustnessCollection;
