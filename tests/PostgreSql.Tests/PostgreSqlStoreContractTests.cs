using SessionGen.Sqlite.Tests;

namespace SessionGen.PostgreSql.Tests;

/// <summary>The store contract (tests/Sqlite.Tests/StoreContractTests.cs) against PostgreSqlSessionStore, a new schema per test.</summary>
public sealed class PostgreSqlStoreContractTests : StoreContractTests
{
    private TestSchema? schema;

    protected override ISessionStore CreateStore() => schema!.NewStore();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        schema = await TestSchema.CreateAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (schema is not null)
        {
            await schema.DisposeAsync();
        }
    }
}
