namespace SessionGen.PostgreSql.Tests;

/// <summary>What the store refuses before it ever connects.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Sessions")]
    [InlineData("1st")]
    [InlineData("a-b")]
    [InlineData("a;drop table x")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void A_schema_that_is_not_a_lowercase_identifier_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new PostgreSqlSessionStoreOptions { ConnectionString = "Host=x", Schema = name });

    [Fact]
    public void The_defaults_are_schema_sessiongen_and_batches_of_1000()
    {
        var options = new PostgreSqlSessionStoreOptions { ConnectionString = "Host=x" };
        Assert.Equal("sessiongen", options.Schema);
        Assert.Equal(1_000, options.MaxBatchSize);
        Assert.Equal("_a1", new PostgreSqlSessionStoreOptions { ConnectionString = "Host=x", Schema = "_a1" }.Schema);
    }

    [Fact]
    public void A_batch_size_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostgreSqlSessionStoreOptions { ConnectionString = "Host=x", MaxBatchSize = 0 });

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_connection_string_is_refused(string connectionString) =>
        Assert.Throws<ArgumentException>(() => new PostgreSqlSessionStore(connectionString));

    [Fact]
    public void A_connection_string_Npgsql_cannot_read_is_refused() =>
        Assert.Throws<ArgumentException>(() => new PostgreSqlSessionStore("Host=x;NoSuchKeyword=1"));
}
