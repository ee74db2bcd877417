using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>
/// The Roslyn source-generator test, set up like a user's project: .NET 8 references plus the SessionGen
/// runtime, latest C#, nullable enabled, XML documentation checked (see <see cref="TestCompilation"/>), and compiler warnings counted as failures.
/// </summary>
internal sealed class SessionGeneratorTest : CSharpSourceGeneratorTest<SessionProcessGenerator, DefaultVerifier>
{
    public SessionGeneratorTest()
    {
        ReferenceAssemblies = References.Net80;
        TestState.AdditionalReferences.Add(References.Runtime);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
    }

    protected override ParseOptions CreateParseOptions() => TestCompilation.ParseOptions;

    protected override CompilationOptions CreateCompilationOptions() =>
        TestCompilation.WithTestDefaults((CSharpCompilationOptions)base.CreateCompilationOptions());
}
