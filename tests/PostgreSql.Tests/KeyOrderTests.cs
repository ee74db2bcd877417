using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>
/// Every batch takes key rows in one global order, so two stores writing the same keys cannot deadlock on them
/// (<c>SharedDatabaseTests.Batches_of_two_stores_that_take_the_same_keys_in_opposite_orders_all_commit</c> failed with
/// 40P01 under load after three deadlocked tries when batches took them in the order queued).
/// </summary>
public sealed class KeyOrderTests
{
    [Fact]
    public void Records_are_applied_by_their_smallest_key_and_records_without_keys_first()
    {
        List<PendingWrite> batch =
        [
            new(Record(SessionId.New(), 1, [new("shared", "9"), new("shared", "1")])),
            new(Record(SessionId.New(), 1, [new("shared", "0")])),
            new(Record(SessionId.New(), 1)),
            new(Record(SessionId.New(), 1, [new("other", "5")])),
        ];

        Assert.Equal([2, 3, 1, 0], KeyOrder.Of(batch));
    }

    [Fact]
    public void Two_stores_queuing_the_same_keys_in_opposite_orders_apply_them_in_the_same_order()
    {
        CorrelationKey[] keys = [.. Enumerable.Range(0, 30).Select(i => new CorrelationKey("shared", i.ToString("D2")))];
        List<PendingWrite> mine = [.. keys.Select(key => new PendingWrite(Record(SessionId.New(), 2, [key])))];
        List<PendingWrite> theirs = [.. keys.Reverse().Select(key => new PendingWrite(Record(SessionId.New(), 2, [key])))];

        CorrelationKey[] Applied(List<PendingWrite> batch) => [.. KeyOrder.Of(batch).Select(i => batch[i].Record.Keys[0])];

        Assert.Equal(keys, Applied(mine));
        Assert.Equal(keys, Applied(theirs));
    }

    [Fact]
    public void A_key_in_two_records_of_a_batch_keeps_the_batch_as_queued_because_the_last_writer_owns_it()
    {
        List<PendingWrite> batch =
        [
            new(Record(SessionId.New(), 1, [new("room", "z"), new("room", "lobby")])),
            new(Record(SessionId.New(), 1, [new("room", "a")])),
            new(Record(SessionId.New(), 1, [new("room", "lobby")])),
        ];

        Assert.Equal([0, 1, 2], KeyOrder.Of(batch));
    }
}
