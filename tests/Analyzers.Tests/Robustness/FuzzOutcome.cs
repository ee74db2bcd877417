namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>What compiling one mutant showed.</summary>
/// <param name="Problems">Generator or analyzer crashes, and errors located in generated code: each one a defect.</param>
/// <param name="KnownDefects">Errors in generated code explained by a known generator defect (<see cref="KnownGeneratorDefects"/>).</param>
/// <param name="UserErrors">Errors in the mutant itself (most mutants have some: that is the point).</param>
/// <param name="RuleIds">The SGEN diagnostics reported, to show the mutations reach the rules.</param>
/// <param name="Generated">Whether the generator emitted anything.</param>
/// <param name="GeneratedSources">The generated text, for the failure message.</param>
internal sealed record FuzzOutcome(List<string> Problems, HashSet<string> KnownDefects, List<Microsoft.CodeAnalysis.Diagnostic> UserErrors, HashSet<string> RuleIds, bool Generated, List<string> GeneratedSources);
