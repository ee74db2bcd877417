using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SessionGen.Generator;

namespace SessionGen.Analyzers.Tests.Verification;

/// <summary>
/// An analyzer test that also runs the real generator, as a build does. Its output is part of the compilation
/// the analyzer sees, and any compiler error it causes is an unexpected diagnostic that fails the test: every
/// rule's bad input is thereby also checked to generate nothing that fails to compile.
/// </summary>
internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AnalyzerTest(string source)
    {
        TestCode = TestReferences.Usings + source;
        ReferenceAssemblies = TestReferences.Net80;
        TestState.AdditionalReferences.Add(TestReferences.SessionGen);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        SolutionTransforms.Add(TestReferences.AllowUnsafeAndNullable);
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SessionProcessGenerator)];
}
