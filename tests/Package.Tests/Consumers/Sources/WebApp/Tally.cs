using System.Text.Json;
using System.Text.Json.Serialization;
using SessionGen;

namespace WebApp;

public sealed record Counted(string By, int Total);

/// <summary>A tally: a starter with a result, an operation with one and one without, an event, an end.</summary>
[SessionProcess("App.Tally")]
public partial class Tally
{
    private int total;

    [On("Open", StartsSession = true)]
    private string Open(string name) => name.ToUpperInvariant();

    [On("Add")]
    private int Add(string by, int amount)
    {
        total += amount;
        Emit(new Counted(by, total));
        return total;
    }

    [On("Reset")]
    private void Reset() => total = 0;

    [On("Close")]
    private void Close() => EndSession();
}

/// <summary>Every type that crosses HTTP, for System.Text.Json without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Counted))]
internal sealed partial class AppJson : JsonSerializerContext;
