namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// Deliberately unsafe state: a counter updated with a read, an await and a write, plus a detector of
/// overlapping handlers. Both stay exact only if the runtime runs one message at a time per session.
/// </summary>
[SessionProcess]
public partial class Counter
{
    private int count;
    private int running;
    private int overlaps;
    private readonly List<int> seen = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Increment")]
    private async Task Increment()
    {
        Enter();
        int before = count;
        await Task.Yield();
        count = before + 1;
        Exit();
    }

    [On("Record")]
    private void Record(int value)
    {
        Enter();
        seen.Add(value);
        Exit();
    }

    [On("Count")]
    private int Count() => count;

    [On("Overlaps")]
    private int Overlaps() => overlaps;

    [On("Seen")]
    private int[] Seen() => seen.ToArray();

    private void Enter()
    {
        if (Interlocked.Increment(ref running) != 1)
        {
            Interlocked.Increment(ref overlaps);
        }
    }

    private void Exit() => Interlocked.Decrement(ref running);
}
