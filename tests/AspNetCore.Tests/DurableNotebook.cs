namespace SessionGen.AspNetCore.Tests;

/// <summary>A durable process served over HTTP: its events must resume across a restart of the server.</summary>
[SessionProcess("Http.DurableNotebook", Durable = true)]
public partial class DurableNotebook
{
    private int count;

    [On("Open", StartsSession = true)]
    private string Open(string title) => title;

    [On("Note")]
    private int Note(string text, int number)
    {
        Emit(new Noted(text, number));
        return ++count;
    }
}
