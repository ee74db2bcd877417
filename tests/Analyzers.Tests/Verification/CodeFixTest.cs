using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SessionGen.Generator;

namespace SessionGen.Analyzers.Tests.Verification;

/// <summary>
/// A code-fix test with the real generator running, before and after the fix: the fixed code must compile with
/// the generated members (a fixed handler is no longer skipped, so the generator now calls it). The testing
/// library applies the fix one diagnostic at a time and with Fix All in document, project and solution.
/// </summary>
internal sealed class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public CodeFixTest(string source, string fixedSource, bool withUsings)
    {
        string usings = withUsings ? TestReferences.Usings : "";
        TestCode = usings + source;
        FixedCode = usings + fixedSource;
        ReferenceAssemblies = TestReferences.Net80;
        TestState.AdditionalReferences.Add(TestReferences.SessionGen);
        FixedState.AdditionalReferences.Add(TestReferences.SessionGen);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        SolutionTransforms.Add(TestReferences.AllowUnsafeAndNullable);
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SessionProcessGenerator)];
}
