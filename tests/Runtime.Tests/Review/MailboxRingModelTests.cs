using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// The mailbox (its ring indexed without bounds checks) against a plain list doing the same: random mixes of one-way and
/// awaited entries, bursts that grow the ring past what it keeps when idle and drains that drop it, withdrawals from the
/// middle and from the waiting list, runs taken and partly put back, bounded mailboxes at their exact capacity (a run's
/// entries behind its first keeping their places until the next take or put-back). Every
/// take, every count and what a close hands back must match the list; in Debug the ring's own asserts check that its
/// mask matches its array on every access.
/// </summary>
public sealed class MailboxRingModelTests
{
    private static readonly SessionOperation OneWay = RingMix.SessionDefinition.Instance.FindOperation("Put")!;

    public static TheoryData<int, int, MailboxFullMode> Cases()
    {
        var cases = new TheoryData<int, int, MailboxFullMode>();
        for (int seed = 0; seed < 6; seed++)
        {
            cases.Add(seed, 0, MailboxFullMode.FailFast);
            cases.Add(seed, 1, MailboxFullMode.Wait);
            cases.Add(seed, 5, MailboxFullMode.Wait);
            cases.Add(seed, 16, MailboxFullMode.FailFast);
            cases.Add(seed, 17, MailboxFullMode.Wait);
            cases.Add(seed, 1_500, MailboxFullMode.Wait);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_mailbox_does_what_a_list_does(int seed, int capacity, MailboxFullMode mode)
    {
        var random = new Random(seed);
        var model = new Model(capacity);
        Mailbox mailbox = default;
        int next = 0;
        var taken = new List<MailboxEntry>();

        for (int step = 0; step < 4_000; step++)
        {
            int op = random.Next(100);
            if (op < 30)
            {
                Offer(Entry(random.Next(3) == 0));
            }
            else if (op < 33)
            {
                int burst = random.Next(1, 2_600);
                for (int i = 0; i < burst; i++)
                {
                    Offer(Entry(random.Next(50) == 0));
                }
            }
            else if (op < 40)
            {
                // Withdraw an item from wherever it is (queued, waiting or gone).
                Item? item = model.AnyItem(random);
                if (item is not null)
                {
                    ItemPlace expected = model.Remove(item);
                    Assert.Equal(expected, mailbox.TryRemove(item, capacity, out _));
                }
            }
            else if (op < 95)
            {
                int length = random.Next(1, EntryBatch.Size + 1);
                var into = new MailboxEntry[length];
                int count = mailbox.TakeRun(capacity, into);

                // A run may end early at the empty slot of a withdrawn entry; what it takes must be the list's next entries.
                MailboxEntry[] expected = model.TakeRun(Math.Max(count, 1));
                Assert.Equal(expected.Length, count);
                for (int i = 0; i < count; i++)
                {
                    Assert.True(Same(expected[i], into[i]), $"step {step}: entry {i} of the run");
                }

                // Some of the run is not run (a handler awaited, the batch ended): it goes back in front. As in the turn, the
                // first entry always ran, so only one-way entries go back.
                int ran = count == 0 ? 0 : random.Next(3) == 0 ? random.Next(1, count + 1) : count;
                taken.AddRange(into[..ran]);
                if (ran < count)
                {
                    Assert.True(mailbox.PutBack(into.AsSpan(ran, count - ran)));
                    model.PutBack(expected[ran..]);
                }
            }
            else
            {
                // Drain to idle: the large ring is dropped, and the next posts start from the inline slot.
                var into = new MailboxEntry[EntryBatch.Size];
                int count;
                while ((count = mailbox.TakeRun(capacity, into)) > 0)
                {
                    MailboxEntry[] expected = model.TakeRun(count);
                    Assert.Equal(expected.Length, count);
                    for (int i = 0; i < count; i++)
                    {
                        Assert.True(Same(expected[i], into[i]));
                    }
                }

                Assert.Empty(model.TakeRun(1));
            }

            Assert.Equal(model.QueuedCount, mailbox.Count);
        }

        (MailboxEntry[] queued, MailboxItem[] waiting) = mailbox.Close();
        Assert.Equal(model.Queued.Count, queued.Length);
        for (int i = 0; i < queued.Length; i++)
        {
            Assert.True(Same(model.Queued[i], queued[i]));
        }

        Assert.Equal(model.Waiting, waiting);
        Assert.Equal(0, mailbox.Count);

        void Offer(MailboxEntry entry)
        {
            EnqueueResult expected = model.Offer(entry, mode);
            Assert.Equal(expected, mailbox.TryEnqueue(entry, capacity, mode, out _));
        }

        MailboxEntry Entry(bool item) => item ? new MailboxEntry(new Item(next++)) : new MailboxEntry(OneWay, next++);
    }

    private static bool Same(MailboxEntry a, MailboxEntry b) =>
        ReferenceEquals(a.OneWay, b.OneWay) && (a.Item is { } item ? ReferenceEquals(item, b.Item) : Equals(a.Message, b.Message));

    private sealed class Model(int capacity)
    {
        public List<MailboxEntry> Queued { get; } = [];

        public List<MailboxItem> Waiting { get; } = [];

        private readonly List<Item> items = [];

        // The one-way entries a run took behind its first: they keep their places against the capacity until the next
        // take or put-back (as in the turn, which comes back for more once it has run them).
        private int held;

        public int QueuedCount => Queued.Count;

        public EnqueueResult Offer(MailboxEntry entry, MailboxFullMode mode)
        {
            if (entry.Item is Item offered)
            {
                items.Add(offered);
            }

            if (capacity > 0 && (Queued.Count + held >= capacity || Waiting.Count > 0))
            {
                if (mode == MailboxFullMode.FailFast || entry.Item is null)
                {
                    return EnqueueResult.Full;
                }

                Waiting.Add(entry.Item);
                return EnqueueResult.Waiting;
            }

            Queued.Add(entry);
            return EnqueueResult.Accepted;
        }

        public Item? AnyItem(Random random) => items.Count == 0 ? null : items[random.Next(items.Count)];

        public ItemPlace Remove(Item item)
        {
            int at = Queued.FindIndex(entry => entry.Holds(item));
            if (at >= 0)
            {
                Queued.RemoveAt(at);
                Admit();
                return ItemPlace.Queued;
            }

            return Waiting.Remove(item) ? ItemPlace.Waiting : ItemPlace.None;
        }

        public MailboxEntry[] TakeRun(int most)
        {
            held = 0;
            if (Queued.Count == 0)
            {
                return [];
            }

            var run = new List<MailboxEntry> { Queued[0] };
            Queued.RemoveAt(0);
            Admit();
            if (run[0].OneWay is not null)
            {
                while (run.Count < most && Queued.Count > 0 && Queued[0].OneWay is not null)
                {
                    run.Add(Queued[0]);
                    Queued.RemoveAt(0);
                }

                held = run.Count - 1;
                Admit();
            }

            return [.. run];
        }

        public void PutBack(MailboxEntry[] entries)
        {
            held = 0;
            Queued.InsertRange(0, entries);
        }

        private void Admit()
        {
            while (Waiting.Count > 0 && Queued.Count + held < capacity)
            {
                Queued.Add(new MailboxEntry(Waiting[0]));
                Waiting.RemoveAt(0);
            }
        }
    }

    private sealed class Item(int number) : MailboxItem
    {
        public int Number { get; } = number;

        internal override ValueTask RunAsync(SessionContext session) => default;

        internal override void Complete()
        {
        }

        internal override void Reject(SessionContext session, Exception answer, DeadLetterReason? reason)
        {
        }

        public override string ToString() => $"item {Number}";
    }
}
