using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionGen.Orleans.Tests;

public sealed record ParticipantJoined(string Name);

public sealed record ParticipantLeft(string Name);

public sealed record SessionError(string Reason, string Name);

public sealed record Welcome(string To, string Text);

public enum JoinResult
{
    Joined,
    AlreadyPresent,
}

/// <summary>The seed document's SessionManager (samples/SessionManager), durable, with a welcome 500 ms after each join.</summary>
[SessionProcess("Cluster.Meeting", Durable = true)]
public partial class Meeting
{
    private static readonly TimeSpan WelcomeDelay = TimeSpan.FromMilliseconds(500);

    private readonly HashSet<string> participants = new();
    private readonly List<string> welcomed = new();
    private string name = "";

    [On("Initialize", StartsSession = true)]
    private void Initialize(string name, string[] participants)
    {
        this.name = name;
        this.participants.UnionWith(participants);
    }

    [On("Join")]
    private JoinResult Join(string name)
    {
        if (!participants.Add(name))
        {
            Emit(new SessionError("participant already present", name));
            return JoinResult.AlreadyPresent;
        }

        Emit(new ParticipantJoined(name));
        ScheduleGreet(WelcomeDelay, name);
        return JoinResult.Joined;
    }

    [On("Leave")]
    private async Task Leave(string name)
    {
        if (!participants.Remove(name))
        {
            Emit(new SessionError("participant not found", name));
            return;
        }

        Emit(new ParticipantLeft(name));
        if (participants.Count == 0)
        {
            EndSession();
        }

        await Task.CompletedTask;
    }

    [On("Participants")]
    private string[] Participants() => [.. participants.Order(StringComparer.Ordinal)];

    [On("Welcomed")]
    private string[] Welcomed() => [.. welcomed];

    [On("Fail")]
    private void Fail(string why) => throw new InvalidOperationException(why);

    [OnTimeout("Greet")]
    private void Greet(string name)
    {
        welcomed.Add(name);
        EmitTo(name, new Welcome(name, $"welcome to {this.name}"));
    }
}

/// <summary>Not durable: takes numbered one-way posts from several senders and keeps each sender's in arrival order.</summary>
[SessionProcess("Cluster.Ledger")]
public partial class Ledger
{
    private readonly Dictionary<int, List<int>> bySender = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Append")]
    private void Append(int sender, int number)
    {
        if (!bySender.TryGetValue(sender, out List<int>? numbers))
        {
            bySender[sender] = numbers = new List<int>();
        }

        numbers.Add(number);
    }

    [On("Received")]
    private int[] Received(int sender) => bySender.TryGetValue(sender, out List<int>? numbers) ? [.. numbers] : [];

    [On("Count")]
    private int Count() => bySender.Values.Sum(static numbers => numbers.Count);

    /// <summary>
    /// The type name of the task scheduler current for this handler: the default one, also where the grain runs the
    /// turn on its activation's thread (so that the handler's awaits resume on the thread pool, not on the activation).
    /// </summary>
    [On("RunsOn")]
    private string RunsOn() => TaskScheduler.Current.GetType().Name;
}

/// <summary>As <see cref="Ledger"/>, durable: its grain can be deactivated and activated again between posts.</summary>
[SessionProcess("Cluster.Tally", Durable = true)]
public partial class Tally
{
    private Dictionary<int, List<int>> bySender = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Append")]
    private void Append(int sender, int number)
    {
        if (!bySender.TryGetValue(sender, out List<int>? numbers))
        {
            bySender[sender] = numbers = new List<int>();
        }

        numbers.Add(number);
    }

    [On("Received")]
    private int[] Received(int sender) => bySender.TryGetValue(sender, out List<int>? numbers) ? [.. numbers] : [];

    [On("Count")]
    private int Count() => bySender.Values.Sum(static numbers => numbers.Count);
}

/// <summary>A bar tab found by its table number (a correlation key), durable: the cluster routes by key through the store.</summary>
[SessionProcess("Cluster.Tab", Durable = true)]
public partial class Tab
{
    private readonly List<string> orders = new();

    [On("OpenTab", StartsSession = true)]
    private void OpenTab([Correlation("table")] int table)
    {
    }

    [On("Order")]
    private int Order([Correlation("table")] int table, string drink)
    {
        orders.Add(drink);
        return orders.Count;
    }

    [On("Orders")]
    private string[] Orders() => [.. orders];

    /// <summary>A result whose writer throws <see cref="OpaqueWriteException"/>, found by key (through the router).</summary>
    [On("Receipt")]
    private OpaqueValue Receipt([Correlation("table")] int table) => new(table);

    /// <summary>Takes a value found by key (through the router); an unwritable one cannot leave its sender's silo.</summary>
    [On("Note")]
    private int Note([Correlation("table")] int table, Counted note) => note.Number;
}

/// <summary>Not durable: handlers that await, block or throw, for the turns the session grain runs on its activation.</summary>
[SessionProcess("Cluster.Probe")]
public partial class Probe
{
    [On("Begin", StartsSession = true)]
    private void Begin()
    {
    }

    /// <summary>A synchronous handler that waits on library code which awaits without ConfigureAwait(false) (sync over async).</summary>
    [On("BlockOnDelay")]
    private int BlockOnDelay(int value) => DelayedAsync(value).GetAwaiter().GetResult();

    /// <summary>Awaits, then says where its continuation ran.</summary>
    [On("AwaitThenRunsOn")]
    private async Task<string> AwaitThenRunsOn()
    {
        await Task.Yield(); // always resumes through the current scheduler: where a handler's continuation goes
        return TaskScheduler.Current.GetType().Name;
    }

    /// <summary>Signalled when a Hold handler has started.</summary>
    public static TaskCompletionSource Entered { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed to let a Hold handler finish.</summary>
    public static TaskCompletionSource Release { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [On("Hold")]
    private async Task<int> Hold(int value)
    {
        Entered.TrySetResult();
        await Release.Task;
        return value;
    }

    [On("Throw")]
    private int Throw(int value) => throw new InvalidOperationException("probe " + value);

    [On("Echo")]
    private int Echo(int value) => value;

    private static async Task<int> DelayedAsync(int value)
    {
        await Task.Yield(); // never completes inline: the continuation is queued to the current scheduler
        return value;
    }
}

/// <summary>
/// A value whose JSON converter counts what it writes and reads (<see cref="CountedConverter"/>): whether a call ran
/// SessionGen's JSON at all. One made with <see cref="Unwritable"/> cannot be written.
/// </summary>
[JsonConverter(typeof(CountedConverter))]
public sealed record Counted(int Number, bool Unwritable = false);

/// <summary>Counts the <see cref="Counted"/> values written and read in this process; throws on an unwritable one.</summary>
public sealed class CountedConverter : JsonConverter<Counted>
{
    private static int writes;
    private static int reads;

    public static int Writes => Volatile.Read(ref writes);

    public static int Reads => Volatile.Read(ref reads);

    public override Counted Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Interlocked.Increment(ref reads);
        return new Counted(reader.GetInt32());
    }

    public override void Write(Utf8JsonWriter writer, Counted value, JsonSerializerOptions options)
    {
        if (value.Unwritable)
        {
            throw new NotSupportedException($"Counted {value.Number} cannot be written.");
        }

        Interlocked.Increment(ref writes);
        writer.WriteNumberValue(value.Number);
    }
}

/// <summary>
/// What <see cref="OpaqueConverter"/> throws: an exception type of this assembly, which Orleans' serializer has no
/// codec for (not <c>[GenerateSerializer]</c>, not in the System/Microsoft/Azure namespaces it writes generically).
/// </summary>
#pragma warning disable RCS1194, CA1032 // Implement exception constructors: made only by the converter.
public sealed class OpaqueWriteException(string message) : Exception(message);
#pragma warning restore RCS1194, CA1032

/// <summary>A value that reads but never writes: its writer throws <see cref="OpaqueWriteException"/>.</summary>
[JsonConverter(typeof(OpaqueConverter))]
public sealed record OpaqueValue(int Number);

public sealed class OpaqueConverter : JsonConverter<OpaqueValue>
{
    public override OpaqueValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, OpaqueValue value, JsonSerializerOptions options) =>
        throw new OpaqueWriteException($"OpaqueValue {value.Number} cannot be written.");
}

/// <summary>A value that reads but never writes: its writer throws <see cref="ObjectDisposedException"/>.</summary>
[JsonConverter(typeof(DisposedConverter))]
public sealed record DisposedValue(int Number);

public sealed class DisposedConverter : JsonConverter<DisposedValue>
{
    public override DisposedValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, DisposedValue value, JsonSerializerOptions options) =>
        throw new ObjectDisposedException(nameof(DisposedValue), $"DisposedValue {value.Number} cannot be written.");
}

/// <summary>Two numbers a session changes together; written by <see cref="PairConverter"/>.</summary>
[JsonConverter(typeof(PairConverter))]
public sealed class Pair
{
    public int A { get; set; }

    public int B { get; set; }
}

/// <summary>
/// Writes a <see cref="Pair"/>'s A, then, while <see cref="PairGate"/> is armed, tells the test and waits for it
/// (at most <see cref="PairGate.GiveUp"/>) before writing B: a write that the test can hold half done.
/// </summary>
public sealed class PairConverter : JsonConverter<Pair>
{
    public override Pair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var pair = new Pair();
        reader.Read();
        reader.Read();
        pair.A = reader.GetInt32();
        reader.Read();
        reader.Read();
        pair.B = reader.GetInt32();
        reader.Read();
        return pair;
    }

    public override void Write(Utf8JsonWriter writer, Pair value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("a", value.A);
        PairGate.Hold();
        writer.WriteNumber("b", value.B);
        writer.WriteEndObject();
    }
}

/// <summary>Holds one <see cref="PairConverter"/> write between its two halves until the test opens it.</summary>
public static class PairGate
{
    public static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(15);

    private static TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static ManualResetEventSlim open = new(true);
    private static volatile bool armed;
    private static volatile bool gaveUp;

    /// <summary>Completes when an armed write is held half done.</summary>
    public static Task Entered => entered.Task;

    /// <summary>Whether the held write stopped waiting for <see cref="Open"/> (after <see cref="GiveUp"/>).</summary>
    public static bool GaveUp => gaveUp;

    /// <summary>Whether the held write runs in a grain's turn (on an activation's scheduler, not Orleans' connection).</summary>
    public static bool HeldInTurn { get; private set; }

    public static void Arm()
    {
        entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open = new ManualResetEventSlim(false);
        gaveUp = false;
        armed = true;
    }

    public static void Open() => open.Set();

    internal static void Hold()
    {
        if (!armed)
        {
            return;
        }

        armed = false;
        HeldInTurn = TaskScheduler.Current != TaskScheduler.Default;
        entered.TrySetResult();
        gaveUp = !open.Wait(GiveUp);
    }
}

/// <summary>Not durable: hands its messages' values back, to see how a call carries them (by reference, or as JSON).</summary>
[SessionProcess("Cluster.Relay")]
public partial class Relay
{
    private readonly List<int> taken = new();
    private readonly Pair pair = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Answers the very object it was sent.</summary>
    [On("Echo")]
    private Counted Echo(Counted value) => value;

    /// <summary>Keeps the value's number.</summary>
    [On("Take")]
    private void Take(Counted value) => taken.Add(value.Number);

    /// <summary>Answers a value that cannot be written.</summary>
    [On("Unwritable")]
    private Counted Unwritable(int number) => new(number, Unwritable: true);

    /// <summary>Answers a value whose writer throws an exception of this assembly (<see cref="OpaqueWriteException"/>).</summary>
    [On("Opaque")]
    private OpaqueValue Opaque(int number) => new(number);

    /// <summary>Answers a value whose writer throws <see cref="ObjectDisposedException"/> (what a stopping host throws too).</summary>
    [On("Disposed")]
    private DisposedValue Disposed(int number) => new(number);

    [On("Taken")]
    private int[] Taken() => [.. taken];

    /// <summary>The session's own pair, not a copy (what docs/orleans.md says not to do).</summary>
    [On("PairNow")]
    private Pair PairNow() => pair;

    /// <summary>Changes both halves of the pair in one turn: no turn sees them differ.</summary>
    [On("Bump")]
    private void Bump()
    {
        pair.A++;
        pair.B++;
    }

    [On("Throw")]
    private int Throw(int value) => throw new InvalidOperationException("relay " + value);
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Counted))]
[JsonSerializable(typeof(OpaqueValue))]
[JsonSerializable(typeof(Pair))]
[JsonSerializable(typeof(DisposedValue))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(Dictionary<int, List<int>>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(HashSet<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(ParticipantJoined))]
[JsonSerializable(typeof(ParticipantLeft))]
[JsonSerializable(typeof(SessionError))]
[JsonSerializable(typeof(Welcome))]
public sealed partial class ClusterJson : JsonSerializerContext;

/// <summary>The options the silos and the client share (in a class of its own: the context's static fields initialize in no set order).</summary>
public static class Wire
{
    public static JsonSerializerOptions Options { get; } = new() { TypeInfoResolver = ClusterJson.Default };
}
