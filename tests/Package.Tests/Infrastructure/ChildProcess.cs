using System.Diagnostics;
using System.Text;

namespace SessionGen.Package.Tests.Infrastructure;

/// <summary>Runs a program to completion with a time limit, capturing what it prints.</summary>
public static class ChildProcess
{
    /// <summary>How long to wait, after the process has exited, for grandchildren that still hold its output open.</summary>
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(10);

    public static ProcessResult Run(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        string commandLine = string.Join(' ', [fileName, .. arguments.Select(Quote)]);
        var stdout = new OutputCollector();
        var stderr = new OutputCollector();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A finite WaitForExit does not wait for the pipes to close: build servers that the child started may
        // keep them open long after it has exited. Drain for a bounded time instead.
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(OutputDrainLimit);
        }

        Task.WaitAll([stdout.Completed, stderr.Completed], OutputDrainLimit);
        stopwatch.Stop();
        return new ProcessResult(
            commandLine,
            workingDirectory,
            exited ? process.ExitCode : -1,
            TimedOut: !exited,
            stopwatch.Elapsed,
            stdout.Text,
            stderr.Text);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : $"'{argument}'";

    /// <summary>Collects lines from an asynchronous reader; completes when the stream reports its end.</summary>
    private sealed class OutputCollector
    {
        private readonly StringBuilder text = new();
        private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completed => completed.Task;

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                completed.TrySetResult();
                return;
            }

            lock (text)
            {
                text.Append(line).Append('\n');
            }
        }
    }
}
