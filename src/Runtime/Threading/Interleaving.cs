using System.Diagnostics;

namespace SessionGen;

/// <summary>
/// Yield points for the runtime's interleaving tests. Races live in windows a few instructions wide (between a
/// request being answered and returned to its pool, between a gate being taken and the state it guards being
/// changed, between a session closing its mailbox and answering what was in it, between the timer wheel taking due
/// entries and posting them), and load alone rarely lands a second thread inside one. A test installs a seeded
/// chooser that, at each point, yields, spins or does nothing, which widens those windows on demand.
/// </summary>
/// <remarks>
/// <see cref="Point"/> is <see cref="ConditionalAttribute"/> on DEBUG: the compiler drops every call from a Release
/// build (every package), so the shipped runtime has no call, no field read, nothing. Tests run the Debug build.
/// </remarks>
internal static class Interleaving
{
    private static Action? chooser;

    /// <summary>A place where another thread's move changes the outcome: runs the installed chooser, if any.</summary>
    [Conditional("DEBUG")]
    public static void Point() => Volatile.Read(ref chooser)?.Invoke();

    /// <summary>Makes <paramref name="choose"/> run at every point until <see cref="Uninstall"/> (one test at a time).</summary>
    public static void Install(Action choose) => Volatile.Write(ref chooser, choose);

    public static void Uninstall() => Volatile.Write(ref chooser, null);
}
