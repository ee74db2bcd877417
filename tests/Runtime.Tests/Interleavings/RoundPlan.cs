namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>How an awaited send's caller cancels, if it does.</summary>
internal enum CancelMode
{
    None,
    Before,
    RightAfter,
    Later,
    ByClock,
}

internal enum OpKind
{
    Send,
    Post,
    Start,
    CancelEarlier,
    CancelTimeout,
    Advance,
    Yield,
    Dispose,
}

/// <summary>One thing a worker does. Only the fields its kind needs are set.</summary>
internal sealed record Op(OpKind Kind)
{
    public Step? Step { get; init; }
    public int Slot { get; init; }
    public InterleavedProcess? Process { get; init; }
    public CancelMode Cancel { get; init; }
    public TimeSpan CancelDelay { get; init; }
    public bool AwaitNow { get; init; }
    public int Earlier { get; init; }
    public long TimeoutId { get; init; }
    public TimeSpan Advance { get; init; }
}

/// <summary>
/// The workload of one round, drawn entirely from its seed before anything runs: the sessions, every worker's
/// operations in order (which message to which session, with which handler behaviour, which cancellations, clock
/// advances, ends, timeouts and their cancellations, host disposal) and the clock thread's steps. Threads make the
/// scheduling differ from run to run; the seed replays everything else, and the yield chooser's decisions.
/// </summary>
internal sealed class RoundPlan
{
    /// <summary>The sender of the round's own messages (the first sessions' starters, the final ends).</summary>
    public const int RoundSender = RoundLedger.MaxSenders - 1;

    private RoundPlan(long seed, Mix mix)
    {
        Seed = seed;
        Mix = mix;
    }

    public long Seed { get; }

    public Mix Mix { get; }

    /// <summary>The process of each session slot: the first <see cref="InitialSessions"/> start before the workers, the rest by Start ops.</summary>
    public List<InterleavedProcess> Slots { get; } = [];

    public int InitialSessions { get; private set; }

    public List<Step> InitialSteps { get; } = [];

    public List<Op[]> Workers { get; } = [];

    public List<TimeSpan> ClockSteps { get; } = [];

    /// <summary>Message ids used by the plan; the round's final ends take the next ones.</summary>
    public int PlannedMessages { get; private set; }

    public int Timeouts { get; private set; }

    public bool DisposesMidFlight => Workers.Any(ops => ops.Any(op => op.Kind == OpKind.Dispose));

    /// <summary>The host stops with a shutdown deadline (see <see cref="Mix.ShutdownDeadlines"/>); without one it drains.</summary>
    public bool ShutdownDeadline { get; private set; }

    /// <summary>The processes this round's sessions may run.</summary>
    private InterleavedProcess[] Processes { get; set; } = [];

    public static RoundPlan Create(long seed, Mix mix)
    {
        var plan = new RoundPlan(seed, mix);
        plan.Draw(new Random(unchecked((int)seed ^ (int)(seed >> 32))));
        return plan;
    }

    public override string ToString() =>
        $"{Mix} round seed {Seed}: {Slots.Count} sessions ({string.Join(", ", Slots)}), {Workers.Count} workers of {string.Join("/", Workers.Select(ops => ops.Length))} ops"
        + (DisposesMidFlight ? $", host disposed mid-flight {(ShutdownDeadline ? "with" : "without")} a shutdown deadline" : "");

    private void Draw(Random random)
    {
        var sequences = new long[RoundLedger.MaxSenders];
        long nextId = 0;
        Step NewStep(int sender, StepKind kind, long timeoutId = -1, TimeSpan delay = default) =>
            new(nextId++, sender, sequences[sender]++, kind, timeoutId, delay);

        int workers = random.Next(2, 5);
        int disposer = random.NextDouble() < Mix.DisposeMidFlight ? random.Next(workers) : -1;
        ShutdownDeadline = disposer >= 0 && random.NextDouble() < Mix.ShutdownDeadlines;

        // Bug 5 (KnownBugs): a time-limited process can crash the test host while its host is disposed.
        Processes = disposer >= 0 && KnownBugs.TimeLimitedTurnCrashesAfterDisposal
            ? [.. Mix.Processes.Where(process => !process.TimeLimited)]
            : Mix.Processes;
        InitialSessions = random.Next(2, 5);
        for (int slot = 0; slot < InitialSessions; slot++)
        {
            Slots.Add(Processes[random.Next(Processes.Length)]);
            InitialSteps.Add(NewStep(RoundSender, StepKind.Work));
        }

        int[] opWeights = [Mix.Send, Mix.Post, Mix.Start, Mix.CancelEarlier, Mix.CancelTimeout, Mix.Advance, Mix.Yield];
        for (int worker = 0; worker < workers; worker++)
        {
            var ops = new List<Op>();
            int count = random.Next(8, 40);
            int disposeAt = worker == disposer ? random.Next(count) : -1;
            for (int index = 0; index < count; index++)
            {
                if (index == disposeAt)
                {
                    ops.Add(new Op(OpKind.Dispose));
                    continue;
                }

                var kind = (OpKind)Pick(random, opWeights);
                ops.Add(kind switch
                {
                    OpKind.Send or OpKind.Post => Message(random, kind, worker, NewStep),
                    OpKind.Start => StartOp(random, worker, NewStep),
                    OpKind.CancelEarlier => ops.Count > 0 ? new Op(kind) { Earlier = random.Next(ops.Count) } : new Op(OpKind.Yield),
                    OpKind.CancelTimeout => Timeouts > 0 ? new Op(kind) { TimeoutId = random.Next(Timeouts) } : new Op(OpKind.Yield),
                    OpKind.Advance => new Op(kind) { Advance = TimeSpan.FromMilliseconds(random.Next(1, 1_500)) },
                    _ => new Op(OpKind.Yield),
                });
            }

            Workers.Add([.. ops]);
        }

        for (int i = 0; i < 16; i++)
        {
            ClockSteps.Add(TimeSpan.FromMilliseconds(random.Next(1, 40)));
        }

        PlannedMessages = (int)nextId;
    }

    private Op Message(Random random, OpKind kind, int worker, Func<int, StepKind, long, TimeSpan, Step> newStep)
    {
        var stepKind = (StepKind)Pick(random, Mix.Kinds);
        if (stepKind == StepKind.Disarm && Timeouts == 0)
        {
            stepKind = StepKind.Work;
        }

        (long timeoutId, TimeSpan delay) = stepKind switch
        {
            StepKind.Arm => (Timeouts++, TimeSpan.FromMilliseconds(random.Next(5) == 0 ? 0 : random.Next(1, 1_500))),
            StepKind.Disarm => (random.Next(Timeouts), TimeSpan.Zero),
            StepKind.Stall => (-1L, TimeSpan.FromMilliseconds(random.Next(100, 2_500))),
            _ => (-1L, TimeSpan.Zero),
        };
        Step step = newStep(worker, stepKind, timeoutId, delay);
        int slot = random.Next(Slots.Count);
        if (kind == OpKind.Post)
        {
            return new Op(kind) { Step = step, Slot = slot };
        }

        (CancelMode cancel, TimeSpan cancelDelay) = Cancellation(random);
        return new Op(kind) { Step = step, Slot = slot, Cancel = cancel, CancelDelay = cancelDelay, AwaitNow = random.Next(4) == 0 };
    }

    private Op StartOp(Random random, int worker, Func<int, StepKind, long, TimeSpan, Step> newStep)
    {
        InterleavedProcess process = Processes[random.Next(Processes.Length)];
        Slots.Add(process);
        (CancelMode cancel, TimeSpan cancelDelay) = Cancellation(random);
        return new Op(OpKind.Start)
        {
            Step = newStep(worker, StepKind.Work, -1, TimeSpan.Zero),
            Slot = Slots.Count - 1,
            Process = process,
            Cancel = cancel,
            CancelDelay = cancelDelay,
            AwaitNow = random.Next(4) == 0,
        };
    }

    private (CancelMode, TimeSpan) Cancellation(Random random)
    {
        if (random.NextDouble() >= Mix.Cancellations)
        {
            return (CancelMode.None, TimeSpan.Zero);
        }

        var mode = (CancelMode)random.Next(1, 5);
        return (mode, mode == CancelMode.ByClock ? TimeSpan.FromMilliseconds(random.Next(1, 1_000)) : TimeSpan.Zero);
    }

    private static int Pick(Random random, int[] weights)
    {
        int roll = random.Next(weights.Sum());
        for (int i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("every weight is 0");
    }
}
