using System.Diagnostics;
using System.Text;

namespace SessionGen.Crash.Tests;

/// <summary>One run of the worker as a child process: its lines, and whether the test killed it.</summary>
internal sealed class WorkerProcess
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    private static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "SessionGen.Crash.Worker.dll");

    public required List<string> Lines { get; init; }

    public required bool Killed { get; init; }

    public required int ExitCode { get; init; }

    public required string Errors { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Runs the worker; with <paramref name="killAfterLines"/>, kills it with SIGKILL (<see cref="Process.Kill()"/> on
    /// Linux and macOS) as soon as it has printed that many lines, then reads what it wrote before dying. Each line is
    /// one write(2) of less than PIPE_BUF bytes, so the pipe holds whole lines only.
    /// </summary>
    public static async Task<WorkerProcess> RunAsync(string database, int seed, string progressFile, string mode, int? killAfterLines)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in new[] { WorkerDll, database, seed.ToString(System.Globalization.CultureInfo.InvariantCulture), progressFile, mode })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using Process worker = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = new StringBuilder();
        worker.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        worker.BeginErrorReadLine();

        using var guard = new CancellationTokenSource(Guard);
        var lines = new List<string>();
        bool killed = false;
        try
        {
            while (await worker.StandardOutput.ReadLineAsync(guard.Token) is { } line)
            {
                lines.Add(line);
                if (!killed && lines.Count == killAfterLines)
                {
                    worker.Kill();
                    killed = true;
                }
            }

            await worker.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            worker.Kill(entireProcessTree: true);
            throw new TimeoutException($"The worker ({mode}) did not finish within {Guard}; its last lines:\n{string.Join('\n', lines.TakeLast(20))}\n{errors}");
        }

        lock (errors)
        {
            return new WorkerProcess { Lines = lines, Killed = killed, ExitCode = worker.ExitCode, Errors = errors.ToString(), Elapsed = clock.Elapsed };
        }
    }
}
