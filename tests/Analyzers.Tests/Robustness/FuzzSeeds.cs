namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>Valid processes the robustness test starts every mutation from, and the types they use.</summary>
internal static class FuzzSeeds
{
    /// <summary>Compiled once and referenced by every mutant, so a mutant can refer to these types.</summary>
    public const string SharedTypes = """
        using System;
        namespace Fuzz;

        public sealed record ParticipantJoined(string Name);
        public sealed record ParticipantLeft(string Name);
        public sealed record SessionError(string Reason, string Name);
        public sealed record Message(string To, string Text);
        public enum JoinResult { Joined, AlreadyPresent }
        """;

    public static readonly string[] Processes =
    [
        // The contract's SessionManager (API.md).
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;
        namespace Fuzz;

        [SessionProcess]
        public partial class SessionManager
        {
            private readonly HashSet<string> participants = new();
            private string name = "";

            [On("Initialize", StartsSession = true)]
            private void Initialize(string name, string[] participants)
            {
                this.name = name;
                this.participants.UnionWith(participants);
            }

            [On("Join")]
            private JoinResult Join(string name)
            {
                if (!participants.Add(name))
                {
                    Emit(new SessionError("participant already present", name));
                    return JoinResult.AlreadyPresent;
                }
                Emit(new ParticipantJoined(name));
                ScheduleGreet(TimeSpan.FromMilliseconds(500), name);
                return JoinResult.Joined;
            }

            [On("Leave")]
            private async Task Leave(string name)
            {
                if (!participants.Remove(name)) { Emit(new SessionError("participant not found", name)); return; }
                Emit(new ParticipantLeft(name));
                if (participants.Count == 0) EndSession();
                await Task.CompletedTask;
            }

            [OnTimeout("Greet")]
            private void Greet(string name) => EmitTo(name, new Message(name, $"welcome to {this.name}"));
        }
        """,

        // A nested, named process: several starters, tokens, value tasks, results, After.
        """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;
        namespace Fuzz.Nested;

        public static partial class Processes
        {
            [SessionProcess("Fuzz.Auction")]
            internal sealed partial class Auction
            {
                private decimal highest;
                private string? leader;

                private Auction() { }

                [On("Open", StartsSession = true)]
                private ValueTask Open(string item, decimal reserve, CancellationToken cancellationToken)
                {
                    highest = reserve;
                    After(TimeSpan.FromSeconds(30), () => EndSession());
                    return ValueTask.CompletedTask;
                }

                [On("OpenEmpty", StartsSession = true)]
                private void OpenEmpty() => highest = 0;

                [On("bid")]
                private async Task<bool> Bid(string bidder, decimal amount, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    if (amount <= highest) return false;
                    (highest, leader) = (amount, bidder);
                    ScheduleClose(TimeSpan.FromSeconds(5), bidder);
                    return true;
                }

                [On("Leader")]
                private ValueTask<string?> Leader() => new(leader);

                [OnTimeout("close")]
                private Task Close(string bidder)
                {
                    Emit(new Message(bidder, $"sold for {highest}"));
                    EndSession();
                    return Task.CompletedTask;
                }
            }
        }
        """,
    ];
}
