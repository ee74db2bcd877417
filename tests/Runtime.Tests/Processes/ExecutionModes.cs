namespace SessionGen.Runtime.Tests.Processes;

/// <summary>One session at a time: a new starter waits until the current session ends.</summary>
[SessionProcess(Execution = ExecutionMode.Sequential)]
public partial class Turnstile
{
    [On("Enter", StartsSession = true)]
    private void Enter(string who) => Emit(who + " in");

    [On("Ping")]
    private string Ping() => "pong";

    [On("Leave")]
    private void Leave() => EndSession();
}

/// <summary>One session for the whole host: messages without an id go to it.</summary>
[SessionProcess(Execution = ExecutionMode.Single)]
public partial class Registry
{
    private readonly List<string> names = new();

    [On("Boot", StartsSession = true)]
    private void Boot()
    {
    }

    [On("Register")]
    private int Register(string name)
    {
        names.Add(name);
        return names.Count;
    }

    [On("Shutdown")]
    private void Shutdown() => EndSession();
}
