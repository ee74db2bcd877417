using System.Collections.Concurrent;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>Records who sent what, in the order handled: one-way, awaited, and awaited with a handler that yields.</summary>
[SessionProcess]
public partial class RingMix
{
    private readonly List<long> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Put")]
    private void Put(int sender, int seq) => log.Add(((long)sender << 32) | (uint)seq);

    [On("Slow")]
    private async Task Slow(int sender, int seq)
    {
        log.Add(((long)sender << 32) | (uint)seq);
        await Task.Yield();
    }

    [On("Log")]
    private long[] Log() => [.. log];
}

/// <summary>As <see cref="RingMix"/>, with a mailbox of eight whose awaited senders wait for room.</summary>
[SessionProcess(MailboxCapacity = 8, MailboxFullMode = MailboxFullMode.Wait)]
public partial class RingMixBounded
{
    private readonly List<long> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Put")]
    private void Put(int sender, int seq) => log.Add(((long)sender << 32) | (uint)seq);

    [On("Slow")]
    private async Task Slow(int sender, int seq)
    {
        log.Add(((long)sender << 32) | (uint)seq);
        await Task.Yield();
    }

    [On("Log")]
    private long[] Log() => [.. log];
}

/// <summary>
/// Many producers post random mixes of one-way messages, awaited ones (some withdrawn by cancellation while queued, some
/// whose handler yields so the turn puts its run back) and bursts that grow the ring past what it keeps when idle, so
/// the ring grows, is dropped and grows again under load: each sender's accepted messages are handled exactly once, in
/// the order it sent them, and the withdrawn ones never.
/// </summary>
public sealed class RingStressTests
{
    private const int Producers = 6;

    [Fact]
    public async Task Random_mixes_from_many_senders_are_handled_once_each_in_each_senders_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        RingMix.Client session = await RingMix.StartAsync(host);
        for (int round = 0; round < 3; round++)
        {
            await RunAsync(
                (sender, seq) => session.PostPut(sender, seq),
                (sender, seq, token) => session.PutAsync(sender, seq, token).AsTask(),
                (sender, seq, token) => session.SlowAsync(sender, seq, token).AsTask(),
                () => session.LogAsync().AsTask(),
                seed: round,
                bounded: false);
        }
    }

    [Fact]
    public async Task Random_mixes_into_a_bounded_waiting_mailbox_are_handled_once_each_in_each_senders_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        RingMixBounded.Client session = await RingMixBounded.StartAsync(host);
        for (int round = 0; round < 3; round++)
        {
            await RunAsync(
                (sender, seq) => session.PostPut(sender, seq),
                (sender, seq, token) => session.PutAsync(sender, seq, token).AsTask(),
                (sender, seq, token) => session.SlowAsync(sender, seq, token).AsTask(),
                () => session.LogAsync().AsTask(),
                seed: 100 + round,
                bounded: true);
        }
    }

    private static async Task RunAsync(
        Func<int, int, bool> post,
        Func<int, int, CancellationToken, Task> ask,
        Func<int, int, CancellationToken, Task> slow,
        Func<Task<long[]>> read,
        int seed,
        bool bounded)
    {
        long[] before = await read().Guarded();
        var mustRun = new ConcurrentBag<long>();
        var mayRun = new ConcurrentBag<long>();
        var pending = new ConcurrentBag<(long Key, Task Sent, bool Cancelled)>();
        int opsPerProducer = bounded ? 1_500 : 3_000;

        Task[] producers = Enumerable.Range(0, Producers).Select(sender => Task.Run(() =>
        {
            var random = new Random((seed * 31) + sender);
            int seq = 0;
            while (seq < opsPerProducer)
            {
                int kind = random.Next(100);
                if (kind < 3 && !bounded)
                {
                    // A burst that grows the ring past its retained length.
                    int burst = random.Next(500, 2_500);
                    for (int i = 0; i < burst && seq < opsPerProducer; i++)
                    {
                        int s = seq++;
                        Assert.True(post(sender, s));
                        mustRun.Add(Key(sender, s));
                    }
                }
                else if (kind < 70)
                {
                    int s = seq++;
                    if (post(sender, s))
                    {
                        mustRun.Add(Key(sender, s));
                    }
                    else
                    {
                        Assert.True(bounded);
                    }
                }
                else
                {
                    int s = seq++;
                    bool cancel = random.Next(3) == 0;
                    using var source = new CancellationTokenSource();
                    Task sent = kind < 90 ? ask(sender, s, source.Token) : slow(sender, s, source.Token);
                    if (cancel)
                    {
                        source.Cancel();
                    }

                    pending.Add((Key(sender, s), sent, cancel));
                }
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromMinutes(2));
        foreach ((long key, Task sent, bool cancelled) in pending)
        {
            try
            {
                await sent.WaitAsync(TimeSpan.FromMinutes(2));
                mustRun.Add(key);
            }
            catch (OperationCanceledException) when (cancelled)
            {
                // Withdrawn, or cancelled while it ran: it may have run (once), or not at all.
                mayRun.Add(key);
            }
        }

        long[] log = await read().WaitAsync(TimeSpan.FromMinutes(2));
        long[] handled = log[before.Length..];
        Assert.Equal(before, log[..before.Length]);

        Assert.Equal(handled.Length, handled.Distinct().Count());
        var handledSet = handled.ToHashSet();
        Assert.All(mustRun, key => Assert.Contains(key, handledSet));
        var allowed = mustRun.Concat(mayRun).ToHashSet();
        Assert.All(handled, key => Assert.Contains(key, allowed));

        var last = new int[Producers];
        Array.Fill(last, -1);
        foreach (long key in handled)
        {
            int sender = (int)(key >> 32);
            int seq = (int)(uint)key;
            Assert.True(seq > last[sender], $"sender {sender}: {seq} after {last[sender]}");
            last[sender] = seq;
        }
    }

    private static long Key(int sender, int seq) => ((long)sender << 32) | (uint)seq;
}
