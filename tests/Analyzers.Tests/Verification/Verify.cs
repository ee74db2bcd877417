using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionGen.Analyzers.Tests.Verification;

/// <summary>Entry points of the rule tests: the source carries the expected diagnostics as <c>{|SGEN0001:span|}</c> markup.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>
    /// Passes when the analyzer reports the marked diagnostics and the fix turns the source into <paramref name="fixedSource"/>.
    /// Both get the usual usings unless <paramref name="withUsings"/> is false.
    /// </summary>
    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, bool withUsings = true)
        where TCodeFix : CodeFixProvider, new() =>
        new CodeFixTest<TAnalyzer, TCodeFix>(source, fixedSource, withUsings).RunAsync();

    /// <summary>Passes when the analyzer reports exactly the marked diagnostics (none when nothing is marked).</summary>
    public static Task AnalyzerAsync(string source) =>
        new AnalyzerTest<TAnalyzer>(source).RunAsync();

    /// <summary>As <see cref="AnalyzerAsync"/>, in a project that can call <c>MapSessionProcess</c> (<see cref="TestReferences.AspNetCoreStandIn"/>).</summary>
    public static Task AnalyzerWithHttpAsync(string source)
    {
        var test = new AnalyzerTest<TAnalyzer>(source);
        test.TestState.Sources.Add(("AspNetCoreStandIn.cs", TestReferences.AspNetCoreStandIn));
        return test.RunAsync();
    }
}
