namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Schedules runs of timeouts with mixed delays and cancels some while they are staged, for the handover's splicing.</summary>
[SessionProcess]
public partial class Splicer
{
    private readonly List<int> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Schedules one timeout per delay (milliseconds), then cancels those at <paramref name="cancel"/> before returning.</summary>
    [On("Arm")]
    private TimeoutHandle[] Arm(int[] delays, int[] cancel)
    {
        var handles = new TimeoutHandle[delays.Length];
        for (int i = 0; i < delays.Length; i++)
        {
            handles[i] = ScheduleTick(TimeSpan.FromMilliseconds(delays[i]), i);
        }

        foreach (int index in cancel)
        {
            if (!handles[index].Cancel())
            {
                throw new InvalidOperationException($"Timeout {index} was not stopped.");
            }
        }

        return handles;
    }

    [On("CancelAll")]
    private int CancelAll(TimeoutHandle[] handles) => handles.Count(static handle => handle.Cancel());

    [On("Log")]
    private int[] Log() => log.ToArray();

    [OnTimeout("Tick")]
    private void Tick(int index) => log.Add(index);
}
