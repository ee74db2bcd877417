using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>
/// What test compilations reference: the .NET 8 reference assemblies (the runtime's own target) and the
/// real SessionGen runtime, so generated code is checked against the types it will meet in a user's build.
/// </summary>
internal static class References
{
    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> All = new(ResolveAsync);

    public static ReferenceAssemblies Net80 => ReferenceAssemblies.Net.Net80;

    public static MetadataReference Runtime { get; } = MetadataReference.CreateFromFile(typeof(OnAttribute).Assembly.Location);

    /// <summary>SessionGen.AspNetCore, whose <c>ISessionHttpProcess</c> turns on the generator's <c>.Http.g.cs</c> file.</summary>
    public static MetadataReference AspNetCore { get; } = MetadataReference.CreateFromFile(typeof(SessionGen.AspNetCore.Infrastructure.ISessionHttpProcess).Assembly.Location);

    /// <summary>The framework's reference assemblies plus the runtime.</summary>
    public static Task<ImmutableArray<MetadataReference>> AllAsync() => All.Value;

    private static async Task<ImmutableArray<MetadataReference>> ResolveAsync()
    {
        ImmutableArray<MetadataReference> framework = await Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return framework.Add(Runtime);
    }
}
