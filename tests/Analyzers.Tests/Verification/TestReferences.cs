using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace SessionGen.Analyzers.Tests.Verification;

/// <summary>What test sources compile against: .NET 8 (the runtime's target) and the real SessionGen.dll.</summary>
internal static class TestReferences
{
    /// <summary>Downloaded from NuGet once by the testing library, then cached.</summary>
    public static ReferenceAssemblies Net80 => ReferenceAssemblies.Net.Net80;

    public static MetadataReference SessionGen { get; } =
        MetadataReference.CreateFromFile(typeof(global::SessionGen.OnAttribute).Assembly.Location);

    /// <summary>Pointer rules need unsafe code to compile; nullable context makes <c>string?</c> mean what users mean.</summary>
    public static Solution AllowUnsafeAndNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(
            projectId, options.WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable));
    }

    /// <summary>The usings every test source gets, so each test shows only what it is about.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        """;
}
