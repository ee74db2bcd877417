namespace SessionGen.Package.Tests.Infrastructure;

/// <summary>What a finished (or abandoned) child process left behind, with a description for assertion messages.</summary>
public sealed record ProcessResult(
    string CommandLine,
    string WorkingDirectory,
    int ExitCode,
    bool TimedOut,
    TimeSpan Elapsed,
    string StandardOutput,
    string StandardError)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Everything the process printed: standard output, then standard error.</summary>
    public string AllOutput => StandardError.Length == 0 ? StandardOutput : StandardOutput + Environment.NewLine + StandardError;

    /// <summary>The command, how it ended and everything it printed: put it in every assertion message.</summary>
    public string Describe()
    {
        string ending = TimedOut ? $"timed out after {Elapsed.TotalSeconds:F0} s" : $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s";
        return $"""
            $ {CommandLine}
              (in {WorkingDirectory}; {ending})
            --- stdout ---
            {StandardOutput}
            --- stderr ---
            {StandardError}
            """;
    }
}
