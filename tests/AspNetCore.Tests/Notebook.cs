using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionGen.AspNetCore.Tests;

public sealed record Noted(string Text, int Number);

public enum Mood
{
    Calm,
    Excited,
}

/// <summary>The process the HTTP tests serve: results, no results, events for everyone and for one participant, a fault.</summary>
[SessionProcess("Http.Notebook")]
public partial class Notebook
{
    private int count;
    private int burstNumber;

    [On("Open", StartsSession = true)]
    private string Open(string title) => title.ToUpperInvariant();

    [On("Note")]
    private string Note(string text, int number, Mood? mood)
    {
        count++;
        Emit(new Noted(text, number));
        return $"{count}:{text}:{number}:{mood?.ToString() ?? "none"}";
    }

    /// <summary>
    /// Emits <paramref name="count"/> notes in one turn, each with a text of <paramref name="size"/> characters,
    /// numbered on from the previous burst's (1, 2, 3… over all bursts).
    /// </summary>
    [On("Burst")]
    private void Burst(int count, int size)
    {
        string text = new('x', size); // one string for all: big on the wire, small in memory
        for (int i = 0; i < count; i++)
        {
            Emit(new Noted(text, ++burstNumber));
        }
    }

    [On("Whisper")]
    private void Whisper(string to, string text) => EmitTo(to, new Noted(text, 0));

    /// <summary>Who sent it, as the handler sees it.</summary>
    [On("Signature")]
    private string Signature(SessionCaller? caller) => caller?.Id ?? "(anonymous)";

    [On("Clear")]
    private void Clear() => count = 0;

    [On("Crash")]
    private void Crash() => throw new InvalidOperationException("secret internal detail");

    [On("Close")]
    private void Close() => EndSession();
}

/// <summary>What System.Text.Json needs for the notebook's parameters, results and events: no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Mood?))]
[JsonSerializable(typeof(Noted))]
internal sealed partial class NotebookJson : JsonSerializerContext;
