namespace SessionGen.Runtime.Tests.Processes;

public sealed record JournalChanged(string Item, int Total);

public sealed record Reminded(string Note);

/// <summary>A durable process (Durability tests): its fields are its stored state, except the [Transient] one.</summary>
[SessionProcess(Durable = true)]
public partial class Journal
{
    private readonly List<string> entries = new();
    private string owner = "";
    private int total;

    [Transient]
    private int handledSinceLoad;

    [On("Open", StartsSession = true)]
    private void Open(string owner) => this.owner = owner;

    [On("Add")]
    private int Add(string item, int amount)
    {
        entries.Add(item);
        total += amount;
        handledSinceLoad++;
        Emit(new JournalChanged(item, total));
        return total;
    }

    [On("Note")]
    private void Note(string text)
    {
        entries.Add(text);
        handledSinceLoad++;
    }

    [On("RemindIn")]
    private void RemindIn(string note, int seconds) => ScheduleReminder(TimeSpan.FromSeconds(seconds), note);

    [OnTimeout("Reminder")]
    private void Reminder(string note)
    {
        entries.Add("reminder:" + note);
        Emit(new Reminded(note));
    }

    [On("Fail")]
    private void Fail(string item)
    {
        entries.Add(item);
        throw new InvalidOperationException("the ledger refuses " + item);
    }

    [On("Close")]
    private void Close() => EndSession();

    [On("Entries")]
    private string[] Entries() => [.. entries];

    [On("Owner")]
    private string Owner() => owner;

    [On("HandledSinceLoad")]
    private int HandledSinceLoad() => handledSinceLoad;
}
