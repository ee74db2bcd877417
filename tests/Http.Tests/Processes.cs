using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionGen.Http.Tests;

public sealed record Noted(string Text, int Number);

public sealed record Whispered(string Text);

/// <summary>What the remote client talks to: results, no result, events, a fault, an end.</summary>
[SessionProcess("Remote.Journal")]
public partial class Journal
{
    private int notes;
    private int burst;

    [On("Open", StartsSession = true)]
    private string Open(string title) => title.ToUpperInvariant();

    [On("Note")]
    private string Note(string text, int number)
    {
        notes++;
        Emit(new Noted(text, number));
        return $"{notes}:{text}:{number}";
    }

    [On("Count")]
    private int Count() => notes;

    [On("Clear")]
    private void Clear() => notes = 0;

    [On("Burst")]
    private void Burst(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Emit(new Noted("burst", ++burst));
        }
    }

    [On("Whisper")]
    private void Whisper(string text) => Emit(new Whispered(text));

    [On("Crash")]
    private void Crash() => throw new InvalidOperationException("secret internal detail");

    [On("Close")]
    private void Close() => EndSession();
}

public enum DoorState
{
    Unlocked,
    Locked,
}

/// <summary>A protocol: once locked, a push is refused at once (no state it can reach accepts it).</summary>
[SessionProcess("Remote.Door", States = typeof(DoorState))]
public partial class Door
{
    [On("Install", StartsSession = true)]
    private void Install()
    {
    }

    [On("Lock")]
    [AcceptedIn(DoorState.Unlocked)]
    [MovesTo(DoorState.Locked)]
    private void Lock() => MoveTo(DoorState.Locked);

    [On("Push")]
    [AcceptedIn(DoorState.Unlocked)]
    private string Push() => "opened";
}

/// <summary>The types of both sides' JSON: no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Noted))]
[JsonSerializable(typeof(Whispered))]
internal sealed partial class RemoteJson : JsonSerializerContext;
