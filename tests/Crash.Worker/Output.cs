using System.Text;

namespace SessionGen.Crash.Worker;

/// <summary>
/// Standard output, one line per write(2) call and nothing buffered: a line the test reads was written whole before
/// the kill, and a line written before the kill is in the pipe even though the process is gone.
/// </summary>
internal static class Output
{
    private static readonly Stream Stdout = Console.OpenStandardOutput();

    public static void Line(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (Stdout)
        {
            Stdout.Write(bytes);
        }
    }
}
