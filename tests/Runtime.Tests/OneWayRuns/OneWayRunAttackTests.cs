using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// A hostile review of runs of one-way messages under one shared scope: handlers that throw, leak ambient state, arm
/// and disarm timeouts, call back into their session, end it; a run continued inside another session's run; producers
/// racing. Every message is handled once, in its sender's order, and every thread gets its state back.
/// </summary>
public sealed class OneWayRunAttackTests
{
    [Fact]
    public async Task Handlers_that_throw_and_leak_ambient_state_leave_the_next_handler_of_the_run_clean()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        var sink = new ConcurrentQueue<string>();
        Raid.Client session = await Raid.StartAsync(host, sink).AsTask().Guarded();

        await QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostNote("a"));
            Assert.True(session.PostBoom("x"));
            Assert.True(session.PostNote("b"));
            Assert.True(session.PostBoom("y"));
            Assert.True(session.PostNote("c"));
        });

        await session.SeqsAsync().AsTask().Guarded();
        Assert.Equal(
            ["a:clean:none", "boom:x", "fault:x", "b:clean:none", "boom:y", "fault:y", "c:clean:none"],
            sink.ToArray());

        // The fault handlers' timeouts were armed 3 s after each fault, while the clock stood still.
        time.Advance(TimeSpan.FromSeconds(3));
        await session.SeqsAsync().AsTask().Guarded();
        Assert.Equal(["ring:after-fault", "ring:after-fault"], sink.ToArray()[7..]);
    }

    [Fact]
    public async Task Timeouts_armed_and_disarmed_across_the_handlers_of_one_run_fire_exactly_as_asked()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        var sink = new ConcurrentQueue<string>();
        Raid.Client session = await Raid.StartAsync(host, sink).AsTask().Guarded();

        await QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostArm("gone", TimeSpan.FromSeconds(10)));
            Assert.True(session.PostArm("zero", TimeSpan.Zero));
            Assert.True(session.PostDisarm("gone"));
            Assert.True(session.PostArm("five", TimeSpan.FromSeconds(5)));
            Assert.True(session.PostWork(() => time.Advance(TimeSpan.FromSeconds(2))));
            Assert.True(session.PostArm("later", TimeSpan.FromSeconds(4)));
            Assert.True(session.PostDisarm("zero"));
            Assert.True(session.PostNote("end"));
        });

        await session.SeqsAsync().AsTask().Guarded();
        time.Advance(TimeSpan.Zero);
        await session.SeqsAsync().AsTask().Guarded();
        string[] early = sink.ToArray();
        Assert.Contains("disarm:gone:True", early);
        Assert.DoesNotContain("ring:gone", early);
        Assert.DoesNotContain("ring:five", early);
        Assert.DoesNotContain("ring:later", early);

        // "five" was armed before the clock moved 2 s: due at 5 s. "later" after it: due at 6 s.
        time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        await session.SeqsAsync().AsTask().Guarded();
        Assert.DoesNotContain("ring:five", sink);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await session.SeqsAsync().AsTask().Guarded();
        Assert.Contains("ring:five", sink);
        Assert.DoesNotContain("ring:later", sink);
        time.Advance(TimeSpan.FromSeconds(1));
        await session.SeqsAsync().AsTask().Guarded();
        Assert.Contains("ring:later", sink);

        time.Advance(TimeSpan.FromSeconds(60));
        await session.SeqsAsync().AsTask().Guarded();
        string[] all = sink.ToArray();
        Assert.DoesNotContain("ring:gone", all);
        Assert.Single(all, entry => entry == "ring:five");
        Assert.Single(all, entry => entry == "ring:later");

        // A zero delay is due at once: it fired (once), or it was still cancellable when the run disarmed it.
        int zeroRings = all.Count(entry => entry == "ring:zero");
        Assert.Equal(all.Contains("disarm:zero:True") ? 0 : 1, zeroRings);
    }

    [Fact]
    public async Task A_handler_of_a_run_calling_a_session_that_calls_back_gets_a_cycle_naming_this_run_and_its_post_back_runs_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var sink = new ConcurrentQueue<string>();
        var otherSink = new ConcurrentQueue<string>();
        Raid.Client a = await Raid.StartAsync(host, sink).AsTask().Guarded();
        Raid.Client b = await Raid.StartAsync(host, otherSink).AsTask().Guarded();

        await QueueBehindHoldAsync(a, () =>
        {
            Assert.True(a.PostNote("first"));
            Assert.True(a.PostCall(() =>
            {
                // B runs inline on this thread and calls A back while this handler runs: a cycle A > B > A.
                ValueTask<string> answer = b.CallBackAsync(() => a.SeqsAsync().AsTask(), a.Id, () => a.PostNote("from-b"));
                return answer.IsCompletedSuccessfully ? answer.Result : "pending";
            }));
            Assert.True(a.PostNote("last"));
        });

        // B's post back was queued while A's run ran: behind the run, perhaps behind the first of these calls.
        await a.SeqsAsync().AsTask().Guarded();
        await a.SeqsAsync().AsTask().Guarded();
        Assert.Equal(["first:clean:none", "call:cycle:A>B>A", "last:clean:none", "from-b:clean:none"], sink.ToArray());
        Assert.Empty(otherSink);
    }

    [Fact]
    public async Task A_run_continued_inside_another_sessions_run_gives_that_handler_its_frame_window_and_context_back()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        var sink = new ConcurrentQueue<string>();
        var otherSink = new ConcurrentQueue<string>();
        Raid.Client a = await Raid.StartAsync(host, sink).AsTask().Guarded();
        Raid.Client b = await Raid.StartAsync(host, otherSink).AsTask().Guarded();

        // A's turn waits in a handler; a run of one-way messages waits behind it.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(); // continuations run on the releasing thread: A's turn goes on there
        Task holding = a.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Assert.True(a.PostNote("a1"));
        Assert.True(a.PostBoom("a2"));
        Assert.True(a.PostArm("a-ring", TimeSpan.FromSeconds(7)));
        Assert.True(a.PostNote("a3"));

        // B's one-way handler releases A: A's run then goes on inside B's handler, on B's thread.
        var report = new ConcurrentQueue<string>();
        Assert.True(b.PostNote("b0"));
        Assert.True(b.PostWork(() =>
        {
            Raid.Ambient.Value = "b-own";
            using var activity = new Activity("b-activity").Start();
            CallChain before = CallChain.Current!;
            ExecutionContext? context = ExecutionContext.Capture();
            int thread = Environment.CurrentManagedThreadId;

            release.SetResult();

            CallChain after = CallChain.Current!;
            report.Enqueue($"a-ran-here:{sink.Count >= 4}");
            report.Enqueue($"same-chain:{ReferenceEquals(before, after) && after.Session == before.Session && after.Run == before.Run}");
            report.Enqueue($"window:{TimerStaging.IsOpenFor(before.Session)}");
            report.Enqueue($"context:{ReferenceEquals(context, ExecutionContext.Capture())}");
            report.Enqueue($"ambient:{Raid.Ambient.Value}");
            report.Enqueue($"activity:{Activity.Current?.OperationName}");
            report.Enqueue($"thread:{thread == Environment.CurrentManagedThreadId}");
        }));
        Assert.True(b.PostArm("b-ring", TimeSpan.FromSeconds(5)));
        Assert.True(b.PostNote("b1"));

        await holding.Guarded();
        await b.SeqsAsync().AsTask().Guarded();
        await a.SeqsAsync().AsTask().Guarded();
        Assert.Equal(
            ["a-ran-here:True", "same-chain:True", "window:True", "context:True", "ambient:b-own", "activity:b-activity", "thread:True"],
            report.ToArray());
        Assert.Equal(["b0:clean:none", "b1:clean:none"], otherSink.ToArray());
        Assert.Equal(["a1:clean:none", "boom:a2", "fault:a2", "a3:clean:none"], sink.ToArray());

        time.Advance(TimeSpan.FromSeconds(5));
        await b.SeqsAsync().AsTask().Guarded();
        Assert.Equal(["b0:clean:none", "b1:clean:none", "ring:b-ring"], otherSink.ToArray());
        time.Advance(TimeSpan.FromSeconds(2));
        await a.SeqsAsync().AsTask().Guarded();
        Assert.Equal(["a1:clean:none", "boom:a2", "fault:a2", "a3:clean:none", "ring:after-fault", "ring:a-ring"], sink.ToArray());
    }

    [Fact]
    public async Task A_run_continued_on_a_callers_thread_gives_it_back_its_ambient_state()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var sink = new ConcurrentQueue<string>();
        Raid.Client a = await Raid.StartAsync(host, sink).AsTask().Guarded();

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource();
        Task holding = a.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Assert.True(a.PostBoom("x"));
        Assert.True(a.PostNote("y"));

        string[] report = await Task.Run(() =>
        {
            Raid.Ambient.Value = "caller";
            ExecutionContext? context = ExecutionContext.Capture();
            release.SetResult();
            CallChain.SynchronousFrame frame = CallChain.ThreadFrame;
            TimerStaging.Window window = TimerStaging.ThreadWindow;
            return new[]
            {
                $"ran-here:{sink.Count == 3}",
                $"context:{ReferenceEquals(context, ExecutionContext.Capture())}",
                $"ambient:{Raid.Ambient.Value}",
                $"activity:{Activity.Current?.OperationName ?? "none"}",
                $"frame:{frame.Session is null && frame.Chain is null}",
                $"window:{window.Session is null && window.Head is null}",
            };
        }).Guarded();

        await holding.Guarded();
        Assert.Equal(["ran-here:True", "context:True", "ambient:caller", "activity:none", "frame:True", "window:True"], report);
        Assert.Equal(["boom:x", "fault:x", "y:clean:none"], sink.ToArray());
    }

    [Fact]
    public async Task A_run_ended_by_one_of_its_handlers_answers_the_rest_once_as_dead_letters()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        DeadLetterSubscription dead = host.SubscribeDeadLetters();
        var sink = new ConcurrentQueue<string>();
        Raid.Client session = await Raid.StartAsync(host, sink).AsTask().Guarded();

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Assert.True(session.PostArm("never", TimeSpan.FromSeconds(1)));
        Assert.True(session.PostNote("a"));
        Assert.True(session.PostStop());
        Assert.True(session.PostNote("b"));
        Assert.True(session.PostNote("c"));
        release.SetResult();
        await holding.Guarded();

        var letters = new List<DeadLetter>();
        await using (IAsyncEnumerator<DeadLetter> reader = dead.GetAsyncEnumerator())
        {
            while (letters.Count < 2)
            {
                Assert.True(await reader.MoveNextAsync().AsTask().Guarded());
                letters.Add(reader.Current);
            }
        }

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["a:clean:none", "stop"], sink.ToArray());
        Assert.Equal([DeadLetterReason.SessionEnded, DeadLetterReason.SessionEnded], letters.Select(letter => letter.Reason));
        Assert.False(dead.TryRead(out _));
        Assert.False(host.Contains(session.Id));
    }

    [Fact]
    public async Task Producers_racing_on_two_threads_with_awaited_calls_between_have_every_message_handled_once_in_order()
    {
        const int PerProducer = 2000;
        await using SessionHost host = TestHosts.Create(out _);
        var sink = new ConcurrentQueue<string>();
        Raid.Client session = await Raid.StartAsync(host, sink).AsTask().Guarded();
        using var go = new Barrier(3);

        Task Produce(int producer) => Task.Factory.StartNew(
            () =>
            {
                go.SignalAndWait();
                for (int i = 0; i < PerProducer; i++)
                {
                    Assert.True(session.PostSeq(producer, i));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Task first = Produce(0);
        Task second = Produce(1);
        Task caller = Task.Factory.StartNew(
            async () =>
            {
                go.SignalAndWait();
                for (int i = 0; i < 50; i++)
                {
                    await session.SeqsAsync();
                    Assert.True(session.PostNote("n" + i));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        await Task.WhenAll(first, second, caller).Guarded();

        string[] seen = await session.SeqsAsync().AsTask().Guarded();
        for (int producer = 0; producer < 2; producer++)
        {
            string prefix = $"seq:{producer}:";
            Assert.Equal(
                Enumerable.Range(0, PerProducer).Select(i => prefix + i),
                seen.Where(entry => entry.StartsWith(prefix, StringComparison.Ordinal)));
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"n{i}:"), seen.Where(entry => entry.StartsWith('n')).Select(entry => entry[..(entry.IndexOf(':') + 1)]));
    }

    [Fact]
    public async Task A_host_stopping_in_the_middle_of_a_run_handles_or_dead_letters_each_of_its_messages_once()
    {
        SessionHost host = TestHosts.Create(out _);
        DeadLetterSubscription dead = host.SubscribeDeadLetters();
        var sink = new ConcurrentQueue<string>();
        Raid.Client session = await Raid.StartAsync(host, sink).AsTask().Guarded();
        Task stopping = Task.CompletedTask;

        await QueueBehindHoldAsync(session, () =>
        {
            Assert.True(session.PostSeq(0, 0));
            Assert.True(session.PostWork(() => stopping = host.DisposeAsync().AsTask()));
            for (int i = 1; i < 6; i++)
            {
                Assert.True(session.PostSeq(0, i));
            }
        });

        await stopping.Guarded();
        await host.DisposeAsync().AsTask().Guarded();
        var lettered = new List<string>();
        while (dead.TryRead(out DeadLetter? letter))
        {
            lettered.Add(letter.Operation);
        }

        string[] handled = sink.Where(entry => entry.StartsWith("seq:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, handled.Length + lettered.Count(operation => operation == "Seq"));
        Assert.Equal(handled.Distinct(), handled);
        Assert.Equal(Enumerable.Range(0, handled.Length).Select(i => $"seq:0:{i}"), handled);
    }

    [Fact]
    public async Task A_run_of_one_way_messages_on_a_durable_session_commits_every_one_of_them_once_in_order()
    {
        await using var hosts = new SessionGen.Runtime.Tests.Durability.DurableHosts();
        SessionHost host = hosts.Start();
        var kept = await SessionGen.Runtime.Tests.Processes.DurableKept.StartAsync(host).AsTask().Guarded();
        Task<bool>[] posted = Enumerable.Range(0, 40).Select(i => kept.PostNoteAsync("n" + i).AsTask()).ToArray();
        Assert.All(await Task.WhenAll(posted).Guarded(), Assert.True);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "n" + i), await kept.LogAsync().AsTask().Guarded());
        SessionHost restarted = await hosts.RestartAsync(host);
        var again = SessionGen.Runtime.Tests.Processes.DurableKept.Connect(restarted, kept.Id);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "n" + i), await again.LogAsync().AsTask().Guarded());
    }

    [Fact]
    public async Task A_run_under_a_protocol_holds_notes_until_it_opens_and_ends_at_its_final_state_answering_the_rest_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        DeadLetterSubscription dead = host.SubscribeDeadLetters();
        var sink = new ConcurrentQueue<string>();
        Turnkey.Client session = await Turnkey.StartAsync(host, sink).AsTask().Guarded();

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Assert.True(session.PostNote("a"));
        Assert.True(session.PostUnlock());
        Assert.True(session.PostNote("b"));
        Assert.True(session.PostFinish());
        Assert.True(session.PostNote("c"));
        release.SetResult();
        await holding.Guarded();

        DeadLetter letter;
        await using (IAsyncEnumerator<DeadLetter> reader = dead.GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync().AsTask().Guarded());
            letter = reader.Current;
        }

        Assert.Equal(["unlock", "a:clean", "b:clean", "finish"], sink.ToArray());
        Assert.Equal("Note", letter.Operation);
        Assert.False(dead.TryRead(out _));
        Assert.False(host.Contains(session.Id));
    }

    // Holds the session's turn in an awaiting handler while queue posts, so the next turn takes them as one run.
    private static async Task QueueBehindHoldAsync(Raid.Client session, Action queue)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        queue();
        release.SetResult();
        await holding.Guarded();
    }
}
