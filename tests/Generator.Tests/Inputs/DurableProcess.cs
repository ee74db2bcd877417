namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// A durable process (issue 13): readonly and mutable fields, a [Transient] field, a settable and a [field: Transient]
/// auto-property, static and const fields (never stored), timeouts with and without arguments, and a protocol.
/// </summary>
internal static class DurableProcess
{
    public const string HintName = "Sample.DurableManager.SessionGen.g.cs";

    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using SessionGen;

        namespace Sample;

        public enum Phase { Open, [FinalState] Closed }

        [SessionProcess(Durable = true, States = typeof(Phase))]
        public partial class DurableManager
        {
            private const int Limit = 10;
            private static int created;

            private readonly HashSet<string> participants = new();
            private string name = "";
            private int? @checked;
            [Transient] private Stopwatch? clock;

            public int Rounds { get; private set; }

            [field: Transient]
            public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

            [On("Initialize", StartsSession = true)]
            private void Initialize(string name, string[] participants)
            {
                created++;
                this.name = name;
                this.participants.UnionWith(participants);
                clock = Stopwatch.StartNew();
            }

            [On("Join"), AcceptedIn(Phase.Open)]
            private bool Join(string name)
            {
                if (participants.Count >= Limit || !participants.Add(name))
                {
                    return false;
                }

                Rounds++;
                @checked = participants.Count;
                ScheduleRemind(TimeSpan.FromMinutes(5), name, Rounds);
                return true;
            }

            [On("Close"), AcceptedIn(Phase.Open), MovesTo(Phase.Closed)]
            private void Close() => ScheduleExpire(TimeSpan.FromHours(1));

            [OnTimeout("Remind"), AcceptedIn(Phase.Open)]
            private void Remind(string name, int round) => Emit($"{name}, round {round} of {this.name} at {clock?.Elapsed}");

            [OnTimeout("Expire"), MovesTo(Phase.Closed)]
            private void Expire() => MoveTo(Phase.Closed);
        }
        """;
}
