using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace SessionGen.Concurrency.Tests;

/// <summary>
/// A session's load line across a reload (<see cref="TurnQueue{T}"/>, as <c>SessionHost.EnterAsync</c> uses it): three
/// senders enter in the order they issued their messages; the load finds the session gone again, so the sender at the
/// head loads it again holding its turn (<see cref="TurnQueue{T}.Replace"/>), and those behind get the new outcome: they
/// must be handled in their order, the session loaded again once, and the line finish once, however the load, the
/// senders' continuations and a newcomer (entering as the line drains) interleave.
/// </summary>
/// <remarks>
/// No sender here is cancelled: the turn's cancellable wait (<see cref="Task.WaitAsync(CancellationToken)"/>) is not
/// among what Coyote 1.7.11 controls (it reports it as uncontrolled and then a hang). Cancellation in the line is covered
/// by TurnQueueTests and ReloadCancellationTests in Runtime.Tests.
/// </remarks>
public static class ReloadLineTests
{
    private const int Gone = 0;
    private const int Reloaded = 1;

    [Test]
    public static async Task SendersKeepTheirOrderAcrossAReload()
    {
        var line = new Line();
        var handled = new List<int>();
        int reloads = 0;

        // Entered in order, synchronously, as one sender issues its messages; each then waits on its own.
        var senders = new Task[3];
        for (int i = 0; i < senders.Length; i++)
        {
            int me = i;
            Task<int> turn = line.WaitTurnAsync(CancellationToken.None);
            senders[i] = Task.Run(async () =>
            {
                int outcome = await turn;

                if (outcome == Gone)
                {
                    Interlocked.Increment(ref reloads);
                    await Task.Yield(); // the store read, holding the turn
                    line.Replace(Task.FromResult(Reloaded));
                }

                lock (handled)
                {
                    handled.Add(me);
                }

                line.Leave();
            });
        }

        Task loading = Task.Run(() => line.Complete(Task.FromResult(Gone)));

        // A newcomer: whenever it comes, it goes behind those already waiting, and gets the reloaded session.
        Task<int> late = Task.Run(async () =>
        {
            int outcome = await line.WaitTurnAsync(CancellationToken.None);
            lock (handled)
            {
                handled.Add(3);
            }

            line.Leave();
            return outcome;
        });
        await Task.WhenAll(senders);
        await loading;
        int lateOutcome = await late;

        Specification.Assert(handled.SequenceEqual([0, 1, 2, 3]), $"handled in the order {string.Join(", ", handled)}");
        Specification.Assert(lateOutcome == Reloaded, $"the newcomer got {lateOutcome}");
        Specification.Assert(line.Finishes == 1, $"the line finished {line.Finishes} times");
        Specification.Assert(reloads == 1, $"reloaded {reloads} times");
    }

    private sealed class Line : TurnQueue<int>
    {
        public int Finishes;

        protected override void Finished() => Finishes++;
    }
}
