using System.Text.Json.Serialization;

namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A user type that travels in messages and results; only the source-generated <see cref="FrontDeskJson"/> knows it.</summary>
public sealed record Guest(string Name, int Age);

/// <summary>A user type returned by a handler.</summary>
public sealed record Receipt(string Guest, int Nights, DateOnly Arrival, decimal Total);

/// <summary>
/// Operations of every shape a message and result take as JSON: no parameters, several, nullable ones, a collection, a
/// user record, a result and none. Parameter names include the generated readers' and writers' own (<c>reader</c>,
/// <c>options</c>, <c>property</c>, <c>value0</c>), which must not clash with them.
/// </summary>
[SessionProcess("Tests.FrontDesk")]
public partial class FrontDesk
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Book")]
    private Receipt Book(string guest, int nights, DateOnly arrival) => new(guest, nights, arrival, nights * 120m);

    [On("Note")]
    private string Note(string text, string? author, int? priority)
    {
        string line = $"{text} by {author ?? "nobody"} at {priority?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} priority";
        log.Add(line);
        return line;
    }

    [On("Invite")]
    private void Invite(Guest guest, IReadOnlyList<string> tags) => log.Add($"{guest.Name} ({guest.Age}): {string.Join(",", tags)}");

    [On("Odd")]
    private int Odd(string reader, int options, string? property, int value0) => options + value0 + reader.Length + (property?.Length ?? 0);

    [On("Log")]
    private string[] Log() => log.ToArray();
}

/// <summary>The application's source-generated context: every parameter and result type of <see cref="FrontDesk"/>, and nothing of SessionGen's.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(DateOnly))]
[JsonSerializable(typeof(Guest))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Receipt))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class FrontDeskJson : JsonSerializerContext
{
}

/// <summary>A context that lacks <see cref="DateOnly"/>: what an application that forgot a type has.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class IncompleteJson : JsonSerializerContext
{
}
