namespace SessionGen.Runtime.Tests.Processes;

/// <summary>The protocol of Jolie's correlation test: a session is started, then pre-ended, then ended.</summary>
public enum PersonState
{
    Started,
    PreEnded,
    [FinalState]
    Ended,
}

/// <summary>
/// A port of Jolie's correlation test: sessions keyed by a composite correlation set (first name, last name),
/// whose second message must wait for the first.
/// </summary>
[SessionProcess(States = typeof(PersonState))]
public partial class Person
{
    private readonly List<string> log = new();
    private string name = "";

    [On("StartSession", StartsSession = true)]
    private void StartSession([Correlation("person", "first")] string firstName, [Correlation("person", "last")] string lastName)
    {
        name = firstName + " " + lastName;
        log.Add("start");
    }

    [On("PreEndSession")]
    [AcceptedIn(PersonState.Started)]
    [MovesTo(PersonState.PreEnded)]
    private string PreEndSession([Correlation("person", "first")] string first, [Correlation("person", "last")] string last)
    {
        log.Add("pre-end");
        MoveTo(PersonState.PreEnded);
        return $"{name}: {string.Join(",", log)}";
    }

    [On("EndSession")]
    [AcceptedIn(PersonState.PreEnded)]
    [MovesTo(PersonState.Ended)]
    private string EndSession([Correlation("person", "first")] string firstName, [Correlation("person", "last")] string lastName)
    {
        log.Add("end");
        MoveTo(PersonState.Ended);
        return $"{name}: {string.Join(",", log)}";
    }
}
