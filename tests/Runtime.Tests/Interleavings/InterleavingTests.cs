using System.Diagnostics;
using Xunit.Abstractions;

namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// Seeded randomized interleavings: each round draws a workload from its seed (see <see cref="RoundPlan"/>), runs it on
/// real threads with the runtime's yield points perturbed by a seeded chooser, and checks the README's promises (see
/// <see cref="Invariants"/>). The seed is printed; a failure names the round's seed and the command that replays it.
/// Longer: SESSIONGEN_INTERLEAVING_ROUNDS=100000 dotnet test tests/Runtime.Tests --filter Interleaving
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class InterleavingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Awaited_and_one_way_messages_with_cancellations_faults_and_ends_each_end_exactly_once()
    {
        RoundTally tally = await RunRoundsAsync(Mixes.Messages, nameof(Awaited_and_one_way_messages_with_cancellations_faults_and_ends_each_end_exactly_once));

        Assert.True(tally.Handled > 0 && tally.Faulted > 0 && tally.Cancelled > 0 && tally.DeadLettered + tally.PostsDeadLettered > 0, $"the mix must reach every outcome: {tally}");
    }

    [Fact]
    public async Task Bounded_mailboxes_that_wait_or_refuse_lose_and_reorder_nothing()
    {
        RoundTally tally = await RunRoundsAsync(Mixes.BoundedMailboxes, nameof(Bounded_mailboxes_that_wait_or_refuse_lose_and_reorder_nothing));

        Assert.True(tally.Handled > 0 && tally.Refused > 0 && tally.PostsRefused > 0, $"the mix must fill mailboxes: {tally}");
    }

    [Fact]
    public async Task Time_limits_expiry_and_timeouts_racing_the_clock_keep_their_promises()
    {
        RoundTally tally = await RunRoundsAsync(Mixes.TimeLimitsAndTimeouts, nameof(Time_limits_expiry_and_timeouts_racing_the_clock_keep_their_promises));

        Assert.True(tally.TimeLimited > 0 && tally.TimeoutsRan > 0 && tally.TimeoutsStopped > 0, $"the mix must reach time limits and timeouts: {tally}");
    }

    [Fact]
    public async Task Disposing_the_host_mid_flight_answers_or_dead_letters_every_accepted_message()
    {
        RoundTally tally = await RunRoundsAsync(Mixes.DisposalMidFlight, nameof(Disposing_the_host_mid_flight_answers_or_dead_letters_every_accepted_message));

        Assert.True(tally.Disposals == tally.Rounds && tally.Refused > 0, $"every round must dispose its host while messages are sent: {tally}");
    }

    private async Task<RoundTally> RunRoundsAsync(Mix mix, string test)
    {
        long seed = InterleavingSettings.BaseSeed();
        int? explicitRounds = InterleavingSettings.ExplicitRounds();
        int rounds = explicitRounds ?? InterleavingSettings.DefaultRounds;
        output.WriteLine($"{mix}: seed {seed} ({InterleavingSettings.SeedVariable}), up to {rounds} rounds"
            + (explicitRounds is null ? $" within {InterleavingSettings.Budget.TotalSeconds} s ({InterleavingSettings.RoundsVariable} for more)" : ""));

        var total = new RoundTally();
        var elapsed = Stopwatch.StartNew();
        for (int round = 0; round < rounds; round++)
        {
            if (explicitRounds is null && round >= InterleavingSettings.MinimumRounds && elapsed.Elapsed > InterleavingSettings.Budget)
            {
                break;
            }

            long roundSeed = InterleavingSettings.RepeatSeed() ? seed : seed + round;
            RoundPlan plan = RoundPlan.Create(roundSeed, mix);
            var chooser = new SeededChooser(roundSeed);
            Interleaving.Install(chooser.Choose);
            try
            {
                RoundTally tally = await RoundRunner.RunAsync(plan);
                tally.YieldPoints = chooser.Points;
                total.Add(tally);
            }
            catch (Exception failure)
            {
                string replay = $"{InterleavingSettings.SeedVariable}={roundSeed} {InterleavingSettings.RoundsVariable}=1 dotnet test tests/Runtime.Tests --filter {test}";
                string often = $"{InterleavingSettings.SeedVariable}={roundSeed} {InterleavingSettings.RepeatVariable}=1 {InterleavingSettings.RoundsVariable}=5000 dotnet test tests/Runtime.Tests --filter {test}";
                output.WriteLine($"round {round} failed; replay with: {replay}");
                Assert.Fail($"{plan} (round {round} of base seed {seed}): {failure.GetType().Name}: {failure.Message}{Environment.NewLine}"
                    + $"Replay: {replay}{Environment.NewLine}A rare interleaving of that workload: {often}{Environment.NewLine}{failure.StackTrace}");
            }
            finally
            {
                Interleaving.Uninstall();
            }
        }

        output.WriteLine($"{total} in {elapsed.Elapsed.TotalSeconds:F1} s");
        return total;
    }
}
