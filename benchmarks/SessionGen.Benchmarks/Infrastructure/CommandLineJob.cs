namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>What the benchmark host's command line asks for, for configs that bring their own jobs.</summary>
public static class CommandLineJob
{
    /// <summary>
    /// True when the command line names a job (<c>--job dry</c>, <c>--job short</c>): BenchmarkDotNet would then run it
    /// in addition to a class's own jobs, so such a class leaves its jobs out and a quick check stays quick.
    /// </summary>
    public static bool IsNamed() =>
        Environment.GetCommandLineArgs().Any(argument => argument is "--job" or "-j" || argument.StartsWith("--job=", StringComparison.Ordinal));
}
