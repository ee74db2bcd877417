using System.Text.Json.Serialization;

namespace SessionGen.Crash.Worker;

/// <summary>A step was applied; <paramref name="Count"/> is the ledger's count after it.</summary>
public sealed record Applied(int Step, int Count);

/// <summary>The timeout a step armed has run.</summary>
public sealed record Rang(int Step);

/// <summary>What <c>Read</c> answers: the ledger's fields as they are.</summary>
public sealed record LedgerState(int Count, int[] Steps, int Rings, int[] Rang);

/// <summary>
/// The crash test's durable process. It checks itself: every turn changes two fields together (a counter and a list),
/// so a half-applied turn shows as a count that disagrees with its list, and the lists say which steps and timeouts
/// were applied and how often.
/// </summary>
[SessionProcess(Durable = true)]
public partial class Ledger
{
    private int count;                   // always steps.Count
    private List<int> steps = new();     // the steps applied, in the order applied
    private int rings;                   // always rang.Count
    private List<int> rang = new();      // the steps whose timeout has run, in the order run

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Apply")]
    private int Apply(int step, int ringInMs)
    {
        steps.Add(step);
        count++;
        if (ringInMs > 0)
        {
            ScheduleRing(TimeSpan.FromMilliseconds(ringInMs), step);
        }

        Emit(new Applied(step, count));
        return count;
    }

    [OnTimeout("Ring")]
    private void Ring(int step)
    {
        rang.Add(step);
        rings++;
        Emit(new Rang(step));
    }

    [On("Read")]
    private LedgerState Read() => new(count, [.. steps], rings, [.. rang]);
}

/// <summary>The Ledger's stored types (the SessionManager's are in the sample's own context).</summary>
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(Applied))]
[JsonSerializable(typeof(Rang))]
[JsonSerializable(typeof(LedgerState))]
[JsonSerializable(typeof(int))]
public sealed partial class LedgerJson : JsonSerializerContext;
