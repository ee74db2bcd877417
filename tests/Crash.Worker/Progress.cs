using System.Globalization;

namespace SessionGen.Crash.Worker;

/// <summary>
/// What the client (the test) knows of one session from the lines earlier workers printed: whether its start was
/// acknowledged, the first step not yet acknowledged (every step before it was acknowledged: sends by their answer, posts
/// by the answer of a later send, FIFO per sender), and the last event sequence number it read.
/// </summary>
public sealed record Progress(string Session, bool Started, int NextStep, long LastSequence)
{
    public static Progress New(string session) => new(session, false, 1, 0);

    public static void Write(string path, IEnumerable<Progress> sessions) =>
        File.WriteAllLines(path, sessions.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Session} {(p.Started ? 1 : 0)} {p.NextStep} {p.LastSequence}")));

    public static Dictionary<string, Progress> Read(string path)
    {
        var sessions = Plan.Sessions.ToDictionary(session => session, New);
        if (File.Exists(path))
        {
            foreach (string line in File.ReadAllLines(path))
            {
                string[] parts = line.Split(' ');
                sessions[parts[0]] = new Progress(parts[0], parts[1] == "1", int.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
            }
        }

        return sessions;
    }
}
