namespace SessionGen.Sqlite.Tests;

/// <summary>The contract against the reference store.</summary>
public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override ISessionStore CreateStore() => new InMemorySessionStore();
}
