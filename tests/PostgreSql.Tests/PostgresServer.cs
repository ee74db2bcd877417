using System.Diagnostics;

namespace SessionGen.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests use: the one scripts/postgres/start.sh starts (or finds running; it installs
/// PostgreSQL with apt-get when run as root on a machine without it). Started once per test run. The tests are never
/// skipped: when no server can be had they fail with the script's own explanation.
/// </summary>
internal static class PostgresServer
{
    /// <summary>Set by a CI script that started a server itself (scripts/postgres/README.md); the tests then use that one.</summary>
    private const string ConnectionStringVariable = "SESSIONGEN_ORLEANS_PG";

    // Bounds the script (an apt-get install included) so that a stuck one fails the tests instead of hanging them.
    private static readonly TimeSpan StartGuard = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    /// <summary>The server's connection string (database sessiongen_orleans, role sessiongen).</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } given)
        {
            return given;
        }

        string script = Path.Combine(RepositoryRoot(), "scripts", "postgres", "start.sh");
        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using (var guard = new CancellationTokenSource(StartGuard))
        {
            try
            {
                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{script} did not finish within {StartGuard}; the PostgreSQL tests need its server.");
            }
        }

        string connectionString = (await output).Trim();
        if (process.ExitCode != 0 || connectionString.Length == 0)
        {
            throw new InvalidOperationException($"""
                The PostgreSQL tests need a PostgreSQL server, and {script} could not start one (exit code {process.ExitCode}).
                Install PostgreSQL (Debian: apt-get install postgresql), or run the tests as root so that the script installs it.
                What the script printed:
                {await errors}
                """);
        }

        return connectionString;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SessionGen.sln above {AppContext.BaseDirectory}: cannot find scripts/postgres/start.sh.");
    }
}
