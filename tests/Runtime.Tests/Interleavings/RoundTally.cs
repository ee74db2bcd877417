namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>How the messages of one or more rounds ended: printed by each test, and checked to cover what its mix is for.</summary>
internal sealed class RoundTally
{
    public int Rounds;
    public long Handled;
    public long Faulted;
    public long TimeLimited;
    public long Cancelled;
    public long Refused;
    public long DeadLettered;
    public long PostsRefused;
    public long PostsDeadLettered;

    /// <summary>Posts neither handled nor dead-lettered, excused as bug 8 (KnownBugs) in rounds with a shutdown deadline.</summary>
    public long PostsLost;
    public long TimeoutsRan;
    public long TimeoutsStopped;
    public long YieldPoints;

    /// <summary>Symptoms of the known bugs (KnownBugs) the rounds met and excused: what a fix must bring to zero.</summary>
    public long KnownBugSymptoms;
    public int Disposals;

    public void Add(RoundTally round)
    {
        Rounds += round.Rounds;
        Handled += round.Handled;
        Faulted += round.Faulted;
        TimeLimited += round.TimeLimited;
        Cancelled += round.Cancelled;
        Refused += round.Refused;
        DeadLettered += round.DeadLettered;
        PostsRefused += round.PostsRefused;
        PostsDeadLettered += round.PostsDeadLettered;
        PostsLost += round.PostsLost;
        TimeoutsRan += round.TimeoutsRan;
        TimeoutsStopped += round.TimeoutsStopped;
        YieldPoints += round.YieldPoints;
        KnownBugSymptoms += round.KnownBugSymptoms;
        Disposals += round.Disposals;
    }

    public override string ToString() =>
        $"{Rounds} rounds: handled {Handled}, faulted {Faulted}, past their time limit {TimeLimited}, cancelled {Cancelled}, "
        + $"refused {Refused}, dead-lettered {DeadLettered}; posts refused {PostsRefused}, posts dead-lettered {PostsDeadLettered}; "
        + $"timeouts ran {TimeoutsRan}, stopped {TimeoutsStopped}; {Disposals} hosts disposed mid-flight; {YieldPoints} yield points reached; "
        + $"{KnownBugSymptoms} symptoms of known bugs excused (of which {PostsLost} posts lost to bug 8)";
}
