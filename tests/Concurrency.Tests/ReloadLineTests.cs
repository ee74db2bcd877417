using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace SessionGen.Concurrency.Tests;

/// <summary>
/// A session's load line across a reload (<see cref="TurnQueue{T}"/>, as <c>SessionHost.EnterAsync</c> uses it): three
/// senders enter in the order they issued their messages; the load finds the session gone again, so the sender at the
/// head loads it again holding its turn (<see cref="TurnQueue{T}.Replace"/>), and those behind get the new outcome. The
/// middle one is cancelled at some point; the others must be handled in their order, and the line finish once.
/// </summary>
public static class ReloadLineTests
{
    private const int Gone = 0;
    private const int Reloaded = 1;

    [Test]
    public static async Task SendersKeepTheirOrderAcrossAReloadAndACancelledOneLeavesTheLine()
    {
        var line = new Line();
        var handled = new List<int>();
        int reloads = 0;
        using var cancel = new CancellationTokenSource();

        // Entered in order, synchronously, as one sender issues its messages; each then waits on its own.
        var senders = new Task[3];
        for (int i = 0; i < senders.Length; i++)
        {
            int me = i;
            Task<int> turn = line.WaitTurnAsync(me == 1 ? cancel.Token : CancellationToken.None);
            senders[i] = Task.Run(async () =>
            {
                int outcome;
                try
                {
                    outcome = await turn;
                }
                catch (OperationCanceledException)
                {
                    return;
                }

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
        Task cancelling = Task.Run(cancel.Cancel);
        await Task.WhenAll(senders);
        await Task.WhenAll(loading, cancelling);

        Specification.Assert(handled.Count >= 2 && handled[0] == 0 && handled[^1] == 2, $"handled in the order {string.Join(", ", handled)}");
        Specification.Assert(handled.SequenceEqual(handled.Order()), $"handled in the order {string.Join(", ", handled)}");
        Specification.Assert(line.Finishes == 1, $"the line finished {line.Finishes} times");
        Specification.Assert(reloads == 1, $"reloaded {reloads} times");
    }

    private sealed class Line : TurnQueue<int>
    {
        public int Finishes;

        protected override void Finished() => Finishes++;
    }
}
