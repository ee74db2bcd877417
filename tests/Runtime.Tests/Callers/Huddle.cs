namespace SessionGen.Runtime.Tests.Callers;

/// <summary>A participant's departure, as <see cref="Huddle"/> announces it.</summary>
public sealed record Departed(string Participant);

/// <summary>Knows who is present: a participant leaves when its last subscription has gone; the huddle ends when nobody is left.</summary>
[SessionProcess]
public partial class Huddle
{
    private readonly HashSet<string> present = new(StringComparer.Ordinal);
    private readonly List<string> departures = [];

    [On("Gather", StartsSession = true)]
    private void Gather(string[] expected) => present.UnionWith(expected);

    [On("Present")]
    private string[] Present() => [.. present.Order(StringComparer.Ordinal)];

    [On("Departures")]
    private string[] Departures() => [.. departures];

    [On("Disband")]
    private void Disband() => EndSession();

    [OnParticipantLeft]
    private void Left(string participant)
    {
        departures.Add(participant);
        present.Remove(participant);
        Emit(new Departed(participant));
        if (present.Count == 0)
        {
            EndSession();
        }
    }
}
