namespace SessionGen.Package.Tests.Packing;

/// <summary>
/// The tests that build with the dotnet CLI. They share one <see cref="PackedPackage"/> (the package is built
/// once per test run) and run one after the other: on two cores, parallel builds only compete for them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "SessionGen package and Native AOT builds";
}
