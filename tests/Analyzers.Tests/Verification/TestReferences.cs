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

    /// <summary>
    /// SessionGen.AspNetCore's <c>MapSessionProcess</c> as the HTTP rules see it (by its type's metadata name), without
    /// ASP.NET Core's reference assemblies: a test source that calls it stands for a project that serves over HTTP.
    /// </summary>
    public const string AspNetCoreStandIn = """
        namespace Microsoft.AspNetCore.Routing
        {
            public interface IEndpointRouteBuilder { }
        }

        namespace SessionGen
        {
            public static class SessionEndpointRouteBuilderExtensions
            {
                public static object MapSessionProcess<TProcess>(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string prefix) => endpoints;
            }
        }
        """;
}
