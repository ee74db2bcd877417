using System.Diagnostics;
using System.Globalization;
using SessionGen.Crash.Worker;
using Xunit.Abstractions;

namespace SessionGen.Crash.Tests;

/// <summary>
/// Issue 13's crash test: a child process hosts durable sessions over one SQLite file under load (awaited sends and
/// posts with message ids, timeouts, the seed's SessionManager), is killed with SIGKILL at a seeded moment, and a new
/// one carries on over the same file, many times; a last one finishes every session and reports its state.
/// SESSIONGEN_SEED (default 13) and SESSIONGEN_CRASH_ROUNDS (default 12) change the run; docs/durability.md, Crash test.
/// </summary>
public sealed class CrashTests(ITestOutputHelper log) : IDisposable
{
    // The seeded moment: the kill comes once the worker has printed this many lines (1: during recovery; a worker prints
    // about 1,500 lines a second here, so up to about a second of load, long enough for timeouts to be pending).
    private const int MostLinesBeforeKill = 1_500;

    private readonly string directory = Directory.CreateTempSubdirectory("sessiongen-crash-").FullName;

    [Fact]
    public async Task Killed_workers_keep_every_acknowledged_step_once_fire_every_timeout_once_and_resume_events_without_gap()
    {
        int seed = Setting("SESSIONGEN_SEED", 13);
        int rounds = Setting("SESSIONGEN_CRASH_ROUNDS", 12);
        string database = Path.Combine(directory, "sessions.db");
        string progressFile = Path.Combine(directory, "progress.txt");
        var random = new Random(seed);
        var view = new ClientView(seed);
        var clock = Stopwatch.StartNew();
        int killed = 0, killedInRecovery = 0;

        for (int run = 1; run <= rounds + 1; run++)
        {
            bool last = run > rounds;
            Worker.Progress.Write(progressFile, view.Progress);
            int killAfter = random.Next(1, MostLinesBeforeKill + 1);
            WorkerProcess worker = await WorkerProcess.RunAsync(database, seed, progressFile, last ? "finish" : "run", last ? null : killAfter);
            log.WriteLine($"run {run}: {(worker.Killed ? $"killed after {killAfter} lines" : $"exit {worker.ExitCode}")}, {worker.Elapsed.TotalSeconds:F1} s");

            string? failure = worker.Killed || worker.ExitCode == 0
                ? view.Absorb(run, worker.Lines) ?? (last ? view.Complete() : null)
                : $"the worker failed (exit {worker.ExitCode}):\n{worker.Errors}";
            if (!last && !worker.Killed && failure is null)
            {
                failure = "the worker ended before the kill";
            }

            Assert.True(failure is null, $"""
                Seed {seed} (SESSIONGEN_SEED={seed} SESSIONGEN_CRASH_ROUNDS={rounds} reruns it), run {run}: {failure}
                Last lines of that run:
                {string.Join('\n', worker.Lines.TakeLast(15))}
                """);
            killed += worker.Killed ? 1 : 0;
            killedInRecovery += worker.Killed && !worker.Lines.Contains("recovered") ? 1 : 0;
        }

        log.WriteLine(
            $"seed {seed}: {killed} kills ({killedInRecovery} during recovery), {view.Acks} acks ({view.Posts} of them posts), {view.RetriedAfterApplied} retries " +
            $"answered from the store, {view.FiredAfterRestart} timeouts fired after a restart, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(rounds, killed);
        Assert.True(view.FiredAfterRestart > 0, $"Seed {seed}: no timeout was pending at a kill, so none was tested across a restart.");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
