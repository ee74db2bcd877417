using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;
using SessionGen.Infrastructure;

namespace SessionGen.Concurrency.Tests;

/// <summary>
/// The turn protocol of SessionContext, on the real Mailbox and SpinGate: producers enqueue under the gate and the one
/// told to schedule starts a turn; the turn takes entries until the mailbox, under the gate, says it went idle; a
/// canceller withdraws. Coyote explores the orders of every gate and interlocked operation.
/// </summary>
public static class MailboxTurnTests
{
    private const int Capacity = 2;

    [Test]
    public static async Task EveryAcceptedItemRunsOnceOrIsWithdrawn()
    {
        var box = new Box();
        Item[] items = [new(), new(), new()];
        var results = new EnqueueResult[items.Length];
        ItemPlace withdrawn = ItemPlace.None;
        Task[] senders = [.. items.Select((item, index) => Task.Run(() => results[index] = box.Offer(item, MailboxFullMode.Wait)))];
        Task canceller = Task.Run(() => withdrawn = box.Withdraw(items[1]));
        await Task.WhenAll(senders);
        await canceller;
        await box.TurnsFinishedAsync();

        for (int index = 0; index < items.Length; index++)
        {
            bool wasWithdrawn = index == 1 && withdrawn != ItemPlace.None;
            Specification.Assert(items[index].Ran == (wasWithdrawn ? 0 : 1), $"item {index} ran {items[index].Ran} times (offer: {results[index]}, withdrawn from: {withdrawn})");
        }

        Specification.Assert(box.Count == 0, $"{box.Count} items left in the mailbox");
    }

    [Test]
    public static async Task ASenderWaitingForRoomIsAdmittedOrWithdrawnNeverBoth()
    {
        var box = new Box();
        Item[] items = [new(), new(), new(), new()];
        var results = new EnqueueResult[items.Length];
        for (int index = 0; index < Capacity; index++)
        {
            results[index] = box.Offer(items[index], MailboxFullMode.Wait);
        }

        // The mailbox is full: the third sender waits for room while the turn drains and the last one withdraws.
        ItemPlace withdrawn = ItemPlace.None;
        Task waiter = Task.Run(() => results[2] = box.Offer(items[2], MailboxFullMode.Wait));
        Task failFast = Task.Run(() => results[3] = box.Offer(items[3], MailboxFullMode.FailFast));
        Task canceller = Task.Run(() => withdrawn = box.Withdraw(items[2]));
        await Task.WhenAll(waiter, failFast, canceller);
        await box.TurnsFinishedAsync();

        Specification.Assert(items[2].Ran + (withdrawn == ItemPlace.None ? 0 : 1) == 1, $"the waiting sender ran {items[2].Ran} times, withdrawn from {withdrawn}");
        Specification.Assert(items[3].Ran == (results[3] == EnqueueResult.Accepted ? 1 : 0), $"the fail-fast sender ran {items[3].Ran} times after {results[3]}");
        Specification.Assert(box.Count == 0, $"{box.Count} items left in the mailbox");
    }

    /// <summary>A session's mailbox, its gate and its turn, as SessionContext holds them.</summary>
    private sealed class Box
    {
        private readonly List<Task> turns = [];
        private SpinGate gate;
        private Mailbox mailbox;
        private int running;

        public int Count
        {
            get
            {
                using (gate.Hold())
                {
                    return mailbox.Count;
                }
            }
        }

        public EnqueueResult Offer(Item item, MailboxFullMode mode)
        {
            EnqueueResult result;
            bool mustSchedule;
            using (gate.Hold())
            {
                result = mailbox.TryEnqueue(new MailboxEntry(item), Capacity, mode, out mustSchedule);
            }

            if (mustSchedule)
            {
                lock (turns)
                {
                    turns.Add(Task.Run(Turn));
                }
            }

            return result;
        }

        public ItemPlace Withdraw(Item item)
        {
            using (gate.Hold())
            {
                return mailbox.TryRemove(item, Capacity, out _);
            }
        }

        public async Task TurnsFinishedAsync()
        {
            while (true)
            {
                Task[] started;
                lock (turns)
                {
                    started = [.. turns];
                }

                await Task.WhenAll(started);
                lock (turns)
                {
                    if (turns.Count == started.Length)
                    {
                        return;
                    }
                }
            }
        }

        private void Turn()
        {
            Specification.Assert(Interlocked.Increment(ref running) == 1, "two turns at once");
            while (true)
            {
                MailboxEntry entry;
                using (gate.Hold())
                {
                    if (!mailbox.TryDequeue(Capacity, out entry))
                    {
                        // Idle under the gate, as RunTurn: from here a sender may start the next turn.
                        Interlocked.Decrement(ref running);
                        return;
                    }
                }

                ((Item)entry.Item!).Run();
            }
        }
    }

    private sealed class Item : MailboxItem
    {
        public int Ran;

        // The turn calls this, not RunAsync: Coyote 1.7.11's rewriter emits invalid IL around a call, from another
        // assembly, that returns a ValueTask (see docs/concurrency-testing.md).
        public void Run() => Ran++;

        internal override ValueTask RunAsync(SessionContext session)
        {
            Run();
            return default;
        }

        internal override void Complete()
        {
        }

        internal override void Reject(SessionContext session, Exception answer, DeadLetterReason? reason)
        {
        }
    }
}
