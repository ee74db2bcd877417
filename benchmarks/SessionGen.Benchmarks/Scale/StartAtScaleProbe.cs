using SessionGen.Benchmarks.Infrastructure;
using SessionGen.Benchmarks.Sessions;

namespace SessionGen.Benchmarks.Scale;

/// <summary>
/// Retained memory per idle session with 1,000,000 in one host, beyond the user's own fields: the method of
/// <see cref="StartSessionsProbe"/> at a million (a warm-up round, then <see cref="RetainedMemory"/>).
/// </summary>
public static class StartAtScaleProbe
{
    /// <summary>Sessions per measurement.</summary>
    public const int Count = 1_000_000;

    /// <summary>Bytes per idle session beyond the user's fields, for a benchmark method of <see cref="StartAtScaleBenchmarks"/>.</summary>
    public static double? Measure(string method)
    {
        Func<SessionStarter>? create = method switch
        {
            nameof(StartAtScaleBenchmarks.Dictionary) => static () => new DictionaryStarter(),
            nameof(StartAtScaleBenchmarks.SessionGen) => static () => new SessionGenStarter(Count),
            _ => null,
        };
        if (create is null)
        {
            return null;
        }

        using (SessionStarter warmUp = create())
        {
            warmUp.StartAsync(1_000).GetAwaiter().GetResult();
        }

        double userFields = RetainedMemory.UserFieldsPerItem(Count);
        SessionStarter starter = create();
        double total = RetainedMemory.PerItem(
            Count,
            count =>
            {
                starter.StartAsync(count).GetAwaiter().GetResult();
                return starter;
            },
            alive => alive.Dispose());
        return total - userFields;
    }
}
