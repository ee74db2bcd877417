using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>What records may hold: large data, any key text PostgreSQL can store, and nothing that can fail a whole batch.</summary>
public sealed class RecordContentTests : IAsyncLifetime
{
    private TestSchema schema = null!;
    private PostgreSqlSessionStore store = null!;

    public async Task InitializeAsync()
    {
        schema = await TestSchema.CreateAsync();
        store = schema.NewStore();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await schema.DisposeAsync();
    }

    [Fact]
    public async Task Large_records_are_stored_byte_for_byte_in_a_batch_with_small_ones()
    {
        var random = new Random(14);
        byte[] large = new byte[24 * 1024 * 1024];
        random.NextBytes(large);
        SessionId big = SessionId.New();
        SessionId[] small = Enumerable.Range(0, 20).Select(_ => SessionId.New()).ToArray();

        await Task.WhenAll([
            store.WriteAsync(Record(big, 1, data: large), default).AsTask(),
            .. small.Select(id => store.WriteAsync(Record(id, 1), default).AsTask())]).WaitAsync(HangGuard);

        SessionRecord stored = (await store.ReadAsync(Process, big, default))!;
        Assert.True(large.AsSpan().SequenceEqual(stored.Data.Span));
        foreach (SessionId id in small)
        {
            Assert.Equal(1, (await store.ReadAsync(Process, id, default))!.Version);
        }
    }

    [Fact]
    public async Task Keys_and_ids_with_any_storable_text_round_trip()
    {
        SessionId id = new("séance-🎲-\"quoted\"-'single'-{braces},comma\\slash");
        CorrelationKey[] keys =
        [
            new("set,with{array}chars", "NULL"),
            new("", ""),
            new("emoji", "🎲🎲"),
            new("quote", "\"a\",\"b\""),
            new("line", "a\nb\tc"),
        ];

        await store.WriteAsync(Record(id, 1, keys), default);

        Assert.Equal(keys, (await store.ReadAsync(Process, id, default))!.Keys);
        foreach (CorrelationKey key in keys)
        {
            Assert.Equal(id, await store.FindAsync(Process, key, default));
        }
    }

    [Fact]
    public async Task A_key_listed_twice_in_one_record_is_held_once()
    {
        SessionId id = SessionId.New();
        CorrelationKey key = new("order", "1");
        await store.WriteAsync(Record(id, 1, [key, key]), default);
        await store.WriteAsync(Record(id, 2, [key, key, new("order", "2")]), default);

        Assert.Equal(id, await store.FindAsync(Process, key, default));
        Assert.Equal([key, key, new("order", "2")], (await store.ReadAsync(Process, id, default))!.Keys);
    }

    [Theory]
    [InlineData("nul")]
    [InlineData("lone surrogate")]
    public async Task Text_PostgreSQL_cannot_store_is_refused_before_it_can_fail_the_other_writes_of_its_batch(string kind)
    {
        // Built here: xunit passes theory data through UTF-8, which would replace a lone surrogate.
        string text = kind == "nul" ? "nul\0inside" : "lone \ud800 surrogate";
        SessionId good = SessionId.New();
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(Record(SessionId.New(), 1, [new("k", text)]), default).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(Record(new SessionId(text), 1), default).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(Record(good, 1) with { Process = text }, default).AsTask());
        await store.WriteAsync(Record(good, 1), default);

        // Never stored, so never found.
        Assert.Null(await store.FindAsync(Process, new("k", text), default));
        Assert.Null(await store.ReadAsync(Process, new SessionId(text), default));
        Assert.Null(await store.ReadAsync(text, good, default));
    }
}
