using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>
/// Retained memory per idle session, beyond the user's own fields: starts <see cref="Count"/> sessions with one
/// library and measures what stays reachable (<see cref="RetainedMemory"/>), minus what a plain object with the
/// user's fields retains. A warm-up round first, so JIT and first-use statics are not counted.
/// </summary>
public static class StartSessionsProbe
{
    /// <summary>Sessions per measurement.</summary>
    public const int Count = 100_000;

    /// <summary>Bytes per idle session beyond the user's fields, for a benchmark method of <see cref="StartSessionsBenchmarks"/>.</summary>
    public static double? Measure(string method)
    {
        Func<SessionStarter>? create = Factory(method);
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

    /// <summary>Makes the starter a benchmark method of <see cref="StartSessionsBenchmarks"/> uses.</summary>
    public static Func<SessionStarter>? Factory(string method) => method switch
    {
        nameof(StartSessionsBenchmarks.Dictionary) => static () => new DictionaryStarter(),
        nameof(StartSessionsBenchmarks.SessionGen) => static () => new SessionGenStarter(Count),
        nameof(StartSessionsBenchmarks.AkkaNet) => static () => new AkkaStarter(),
        nameof(StartSessionsBenchmarks.ProtoActor) => static () => new ProtoStarter(),
        _ => null,
    };
}
