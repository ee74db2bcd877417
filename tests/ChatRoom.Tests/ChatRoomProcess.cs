using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom sample as a process of its own (ChatRoom.dll, copied beside the tests), so that a test can kill it
/// the way a crash or an out-of-memory kill would, with no shutdown code run.
/// </summary>
internal sealed partial class ChatRoomProcess : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly Process process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output;

    private ChatRoomProcess(Process process, string address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        this.process = process;
        this.output = output;
        Address = address;
    }

    public string Address { get; }

    /// <summary>What the app has written so far (stdout and stderr, by line), to show when a test fails.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>
    /// Starts the app on a free loopback port with its rooms in <paramref name="database"/> and the further command-line
    /// <paramref name="arguments"/> (cluster mode's, say), and waits until it listens.
    /// </summary>
    public static async Task<ChatRoomProcess> StartAsync(string database, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string argument in (string[])[Path.Combine(AppContext.BaseDirectory, "ChatRoom.dll"), "--urls", "http://127.0.0.1:0", "--db", database, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The app ended before it listened:\n" + string.Join("\n", output)));
                return;
            }

            output.Enqueue(line.Data);
            if (ListeningOn().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["address"].Value);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                output.Enqueue(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ChatRoomProcess(process, await listening.Task.WaitAsync(Guard), output);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Ends the process at once (SIGKILL): nothing of the app's shutdown runs.</summary>
    public void Kill() => Kill(process);

    public void Dispose()
    {
        Kill(process);
        process.Dispose();
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://\S+)")]
    private static partial Regex ListeningOn();
}
