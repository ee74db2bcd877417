using System.Collections.Concurrent;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// A generated client's reply comes back to a caller with a task scheduler of its own (as a grain's activation has) on
/// that scheduler, without a hop to the thread pool and back: each hop was a thread-pool work item per call, two more
/// than a plain grain call makes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CallerSchedulerTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_reply_reaches_a_caller_on_its_own_scheduler_without_passing_through_the_thread_pool()
    {
        Ledger.Client ledger = await Ledger.StartAsync(cluster.Host).Guarded();
        using var scheduler = new OneThreadScheduler();

        (bool completedOnSchedulersThread, int queued, int count) = await Task.Factory.StartNew(
            async () =>
            {
                int queuedBefore = scheduler.Queued;
                bool? onThread = null;
                Task<int> counting = ledger.CountAsync().AsTask();

                // Runs where the generated client's task completes: the caller's await goes on from there.
                Task completion = counting.ContinueWith(
                    _ => onThread = scheduler.IsCurrentThread,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                int result = await counting;
                await completion;
                return (onThread ?? false, scheduler.Queued - queuedBefore, result);
            },
            CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap().Guarded();

        Assert.Equal(0, count);
        Assert.True(completedOnSchedulersThread, "the generated client's task completed on a thread-pool thread");
        Assert.Equal(1, queued); // the grain call's reply, queued once to the caller's scheduler
    }

    /// <summary>A scheduler with one thread of its own, as an activation's: runs inline only on that thread.</summary>
    private sealed class OneThreadScheduler : TaskScheduler, IDisposable
    {
        private readonly BlockingCollection<Task> tasks = new();
        private readonly Thread thread;
        private int queued;

        public OneThreadScheduler()
        {
            thread = new Thread(() =>
            {
                foreach (Task task in tasks.GetConsumingEnumerable())
                {
                    TryExecuteTask(task);
                }
            }) { IsBackground = true, Name = "caller's scheduler" };
            thread.Start();
        }

        public int Queued => Volatile.Read(ref queued);

        public bool IsCurrentThread => Thread.CurrentThread == thread;

        public void Dispose()
        {
            tasks.CompleteAdding();
            thread.Join();
            tasks.Dispose();
        }

        protected override void QueueTask(Task task)
        {
            Interlocked.Increment(ref queued);
            tasks.Add(task);
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            IsCurrentThread && !taskWasPreviouslyQueued && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => [.. tasks];
    }
}
