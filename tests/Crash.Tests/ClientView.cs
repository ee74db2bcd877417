using System.Globalization;
using SessionGen.Crash.Worker;

namespace SessionGen.Crash.Tests;

/// <summary>
/// What the client side knows after each worker: the lines every worker printed before it died, checked as they come
/// (acks in order, events without gap or repeat) and, after the last, against each session's final state.
/// </summary>
internal sealed class ClientView(int seed)
{
    private readonly Dictionary<string, SessionView> sessions = Plan.Sessions.ToDictionary(name => name, name => new SessionView(name));

    /// <summary>Acks of steps whose applied event an earlier (killed) worker had printed: retries the store answered.</summary>
    public int RetriedAfterApplied { get; private set; }

    /// <summary>Timeouts that ran in a later worker than the one that armed them: pending at a kill, fired after recovery.</summary>
    public int FiredAfterRestart { get; private set; }

    public int Acks { get; private set; }

    /// <summary>Of <see cref="Acks"/>, the posts told true (their turns stored).</summary>
    public int Posts { get; private set; }

    public IEnumerable<Progress> Progress => sessions.Values.Select(s => new Progress(s.Name, s.Started, s.NextStep, s.LastSequence));

    /// <summary>Takes in the lines of worker <paramref name="run"/>; returns a failure, or null.</summary>
    public string? Absorb(int run, IReadOnlyList<string> lines)
    {
        foreach (string line in lines)
        {
            string[] parts = line.Split(' ');
            SessionView? session = parts.Length > 1 ? sessions.GetValueOrDefault(parts[1]) : null;
            string? failure = parts[0] switch
            {
                "recovering" or "recovered" or "done" => null,
                "started" => session!.Start(),
                "ack" => session!.Ack(run, Int(parts[2]), parts[3], this),
                "posted" => session!.Posted(Int(parts[2]), this),
                "event" => session!.Event(run, long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3], parts[4], this),
                "final-ledger" => session!.FinalLedger(seed, Int(parts[2]), Int(parts[3]), Ints(parts[4]), Ints(parts[5])),
                "final-manager" => session!.FinalManager(parts[2], parts[3..]),
                _ => "unexpected line", // fatal, deadletter, missed, overflow
            };
            if (failure is not null)
            {
                return $"{failure}\n  at line: {line}";
            }
        }

        return null;
    }

    /// <summary>After the finishing worker: every session reported its final state, covering every step acknowledged.</summary>
    public string? Complete()
    {
        foreach (SessionView session in sessions.Values)
        {
            if (session.Finals == 0)
            {
                return $"{session.Name}: the finishing worker printed no final state.";
            }

            if (!Plan.IsLedger(session.Name) && session.Finals != session.NextStep - 1)
            {
                return $"{session.Name}: final states of {session.Finals} participants; {session.NextStep - 1} joins were acknowledged.";
            }
        }

        return null;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static int[] Ints(string text) => text == "-" ? [] : [.. text.Split(',').Select(Int)];

    private sealed class SessionView(string name)
    {
        private readonly Dictionary<int, string> acks = new();
        private readonly Dictionary<int, int> appliedIn = new();   // step -> the run whose worker printed its applied event
        private readonly List<int> appliedEvents = new();          // steps, in event order
        private readonly List<int> rangEvents = new();
        private readonly HashSet<string> joined = new();

        public string Name => name;

        public bool Started { get; private set; }

        public int NextStep { get; private set; } = 1;

        public long LastSequence { get; private set; }

        public int Finals { get; private set; }

        public string? Start()
        {
            Started = true;
            return null;
        }

        public string? Ack(int run, int step, string result, ClientView view)
        {
            if (step < NextStep - 1 || step > NextStep + 1000)
            {
                return $"{name}: step {step} acknowledged out of order (next unacknowledged: {NextStep}).";
            }

            if (acks.TryGetValue(step, out string? earlier) && earlier != result)
            {
                return $"{name}: step {step} answered {result} after {earlier}.";
            }

            if (!Plan.IsLedger(name) && result != "Joined")
            {
                return $"{name}: join {step} answered {result}: its retry was applied again.";
            }

            if (appliedIn.TryGetValue(step, out int appliedRun) && appliedRun < run)
            {
                view.RetriedAfterApplied++;
            }

            acks[step] = result;
            NextStep = step + 1;
            view.Acks++;
            return null;
        }

        /// <summary>A post told true: its turn is stored, so its effect must be there in the end, as an ack's is.</summary>
        public string? Posted(int step, ClientView view)
        {
            if (step < NextStep - 1 || step > NextStep + 1000)
            {
                return $"{name}: step {step} posted out of order (next unacknowledged: {NextStep}).";
            }

            NextStep = step + 1;
            view.Acks++;
            view.Posts++;
            return null;
        }

        public string? Event(int run, long sequence, string kind, string key, ClientView view)
        {
            bool ledger = Plan.IsLedger(name);

            // A Ledger subscriber sees every event; a SessionManager's welcomes go to their participant only.
            if (ledger ? sequence != LastSequence + 1 : sequence <= LastSequence)
            {
                return $"{name}: event {sequence} after event {LastSequence}: a gap or a repeat.";
            }

            LastSequence = sequence;
            switch (kind)
            {
                case "applied":
                    appliedEvents.Add(int.Parse(key, CultureInfo.InvariantCulture));
                    appliedIn[appliedEvents[^1]] = run;
                    break;
                case "rang":
                    int step = int.Parse(key, CultureInfo.InvariantCulture);
                    rangEvents.Add(step);
                    if (appliedIn.GetValueOrDefault(step, run) < run)
                    {
                        view.FiredAfterRestart++;
                    }

                    break;
                case "joined" when !joined.Add(key):
                    return $"{name}: {key} joined twice.";
                case "joined":
                case "error" when key == "nobody":
                    break;
                default:
                    return $"{name}: unexpected event {kind} {key}.";
            }

            return null;
        }

        public string? FinalLedger(int seed, int count, int rings, int[] steps, int[] rang)
        {
            Finals++;
            if (count != steps.Length || rings != rang.Length)
            {
                return $"{name}: half-applied turn: count {count} for {steps.Length} steps, rings {rings} for {rang.Length} timeouts run.";
            }

            // Exactly once, in order: 1, 2, ..., n; n covers every acknowledged step (later ones were applied, unacknowledged).
            if (!steps.SequenceEqual(Enumerable.Range(1, steps.Length)) || steps.Length < NextStep - 1)
            {
                return $"{name}: applied steps are not 1..n covering the {NextStep - 1} acknowledged: {Describe(steps)}.";
            }

            foreach ((int step, string result) in acks)
            {
                if (steps[int.Parse(result, CultureInfo.InvariantCulture) - 1] != step)
                {
                    return $"{name}: step {step} was answered {result}, and step {steps[int.Parse(result, CultureInfo.InvariantCulture) - 1]} is there.";
                }
            }

            int[] armed = [.. steps.Where(step => Plan.Of(seed, name, step).RingInMs > 0)];
            if (rang.Distinct().Count() != rang.Length || !rang.Order().SequenceEqual(armed))
            {
                return $"{name}: timeouts run {Describe(rang)}; armed by applied steps: {Describe(armed)}.";
            }

            if (LastSequence != count + rings || !appliedEvents.SequenceEqual(steps) || !rangEvents.SequenceEqual(rang))
            {
                return $"{name}: events seen (last {LastSequence}) do not match the turns: {count} steps, {rings} timeouts.";
            }

            return null;
        }

        public string? FinalManager(string participant, string[] counts)
        {
            Finals++;
            string expected = "missed=0 joined=1 error=0 welcome=1 left=0";
            return string.Join(' ', counts) == expected ? null : $"{name}: {participant} has {string.Join(' ', counts)}; expected {expected}.";
        }

        private static string Describe(int[] values) =>
            values.Length <= 40 ? string.Join(',', values) : $"{string.Join(',', values.Take(20))},...,{string.Join(',', values.TakeLast(20))} ({values.Length})";
    }
}
