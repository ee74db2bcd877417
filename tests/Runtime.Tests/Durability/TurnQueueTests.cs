using System.Reflection;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// The line that senders waiting for a store lookup (a key's owner, a session's load) stand in: whoever comes after the
/// lookup has finished still goes behind those already waiting, so one sender's messages keep their order.
/// </summary>
/// <remarks>
/// Found by HostileStoreTests' correlated sends (orders ["2", "1", "3"] under heavy load): Complete stored the outcome
/// under the line's lock, let go of it, and took it again to let the first sender in. A sender entering in between saw
/// an outcome and a free turn and took it, ahead of the senders already waiting: the second message's sender joined
/// the session's load, and queued its message, before the first.
/// </remarks>
public sealed class TurnQueueTests
{
    [Fact]
    public async Task A_sender_entering_while_the_lookup_completes_goes_behind_those_already_waiting()
    {
        var line = new Line();
        Task<int> first = line.Enter();

        // Where a thread completing the lookup could be preempted: the outcome is stored, the first sender not yet let in.
        // Only reflection stops a thread there deterministically (nothing else runs in between).
        typeof(TurnQueue<int>).GetField("outcome", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(line, Task.FromResult(7));
        Task<int> second = line.Enter();
        Assert.False(second.IsCompleted, "the second sender took the turn ahead of the first, which was already waiting");

        line.Complete(Task.FromResult(7));
        Assert.Equal(7, await first.Guarded());
        Assert.False(second.IsCompleted, "the second sender went before the first had left");

        line.Leave();
        Assert.Equal(7, await second.Guarded());
        Assert.Equal(0, line.FinishedCount);
        line.Leave();
        Assert.Equal(1, line.FinishedCount);
    }

    [Fact]
    public async Task Senders_take_their_turns_in_the_order_they_entered_and_a_late_one_after_the_last()
    {
        var line = new Line();
        Task<int>[] waiting = [line.Enter(), line.Enter(), line.Enter()];
        line.Complete(Task.FromResult(3));

        for (int sender = 0; sender < waiting.Length; sender++)
        {
            Assert.Equal(3, await waiting[sender].Guarded());
            Assert.All(waiting[(sender + 1)..], later => Assert.False(later.IsCompleted));
            if (sender == waiting.Length - 1)
            {
                // Still holding the last turn: a sender coming now waits for it too.
                Task<int> late = line.Enter();
                Assert.False(late.IsCompleted);
                line.Leave();
                Assert.Equal(3, await late.Guarded());
            }

            line.Leave();
        }

        Assert.Equal(1, line.FinishedCount);
    }

    private sealed class Line : TurnQueue<int>
    {
        public int FinishedCount { get; private set; }

        protected override void Finished() => FinishedCount++;
    }
}
