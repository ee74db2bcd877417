using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

/// <summary>
/// A one-way post allocates nothing of the runtime's own on the sender's thread (issue 16): no closure, no request, no
/// queue node, once the session's queue has grown to the traffic it carries; and the generated <c>PostAdd(int)</c> does
/// not even make its message record (the argument travels in the queue's slot).
/// </summary>
public sealed class OneWayAllocationTests
{
    private const int Posts = 1_000;

    [Fact]
    public async Task Posting_an_argument_to_a_busy_session_allocates_nothing_on_the_senders_thread()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);

        // The first burst grows the queue (and compiles the path); the second one must reuse what it left.
        await PostWhileHeldAsync(tally, first: 0, tally.PostAdd).Guarded();
        long posted = await PostWhileHeldAsync(tally, first: Posts, tally.PostAdd).Guarded();

        Assert.Equal(0, posted);
        Assert.Equal(Enumerable.Range(0, 2 * Posts), await tally.SeenAsync().Guarded());
    }

    [Fact]
    public async Task Posting_records_to_a_busy_session_allocates_only_the_records_on_the_senders_thread()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Tally.Client tally = await Tally.StartAsync(host);
        Func<int, bool> postRecord = value => Tally.SessionDefinition.AddOperation.Post(tally, new Tally.Messages.Add(value));

        await PostWhileHeldAsync(tally, first: 0, postRecord).Guarded();
        long posted = await PostWhileHeldAsync(tally, first: Posts, postRecord).Guarded();

        Assert.Equal(RecordBytes(Posts), posted);
        Assert.Equal(Enumerable.Range(0, 2 * Posts), await tally.SeenAsync().Guarded());
    }

    // Holds the session's turn (so every post queues and none starts a turn), posts, and returns the bytes the posts
    // allocated on this thread; then lets the queue drain.
    private static async Task<long> PostWhileHeldAsync(Tally.Client tally, int first, Func<int, bool> post)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = tally.HoldAsync(started, release.Task).AsTask();
        await started.Task;

        long bytes = PostOnThisThread(first, post);
        release.SetResult();
        await holding;
        return bytes;
    }

    private static long PostOnThisThread(int first, Func<int, bool> post)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = first; i < first + Posts; i++)
        {
            if (!post(i))
            {
                throw new InvalidOperationException($"Post {i} was refused.");
            }
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static long RecordBytes(int count)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            GC.KeepAlive(new Tally.Messages.Add(i));
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
