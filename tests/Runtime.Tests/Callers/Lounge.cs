namespace SessionGen.Runtime.Tests.Callers;

/// <summary>Handlers that take the caller in every shape the generator accepts: required, nullable, after an await, on a starter.</summary>
[SessionProcess]
public partial class Lounge
{
    private int handledWithCaller;

    [On("Open", StartsSession = true)]
    private string Open(string topic, SessionCaller owner) => owner.Id;

    [On("Drop", StartsSession = true)]
    private void Drop()
    {
    }

    [On("Who")]
    private string Who(SessionCaller caller)
    {
        handledWithCaller++;
        return caller.Id;
    }

    [On("WhoLater")]
    private async Task<string> WhoLater(SessionCaller caller)
    {
        await Task.Yield();
        return caller.Id;
    }

    [On("Maybe")]
    private string Maybe(SessionCaller? caller) => caller?.Id ?? "(anonymous)";

    /// <summary>The caller sits between the message's parameters: the call passes it in its place.</summary>
    [On("Note")]
    private void Note(string text, SessionCaller author, int times)
    {
        handledWithCaller++;
        Emit($"{author.Id}: {string.Concat(Enumerable.Repeat(text, times))}");
    }

    [On("Whisper")]
    private void Whisper(string to, string text, SessionCaller from) => EmitTo(to, $"{from.Id}: {text}");

    [On("Role")]
    private string? Role(SessionCaller caller) => caller.User?.FindFirst("role")?.Value;

    [On("Handled")]
    private int Handled() => handledWithCaller;

    /// <summary>Asks another session inline through a client bound to no one: callers never flow on their own.</summary>
    [On("AskAnonymously")]
    private async Task<string> AskAnonymously(SessionHost host, SessionId other, SessionCaller caller) =>
        await Connect(host, other).MaybeAsync();

    /// <summary>Asks another session as its own caller: passing the caller on is a choice the handler makes.</summary>
    [On("AskAsMe")]
    private async Task<string> AskAsMe(SessionHost host, SessionId other, SessionCaller caller) =>
        await Connect(host, other, caller).MaybeAsync();
}

/// <summary>A session found by correlation: the caller travels with a routed message too.</summary>
[SessionProcess]
public partial class Ticket
{
    [On("Issue", StartsSession = true)]
    private void Issue([Correlation("ticket")] string number)
    {
    }

    [On("Stamp")]
    private string Stamp([Correlation("ticket")] string number, SessionCaller by) => $"{number} stamped by {by.Id}";
}
