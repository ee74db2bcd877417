using System;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// The one place the names of generated code are decided: the members added to a process, the message records and
/// their properties, the table's fields and entry classes, the client's methods and the timeout members. The parser
/// stores each name in the model (emitters only read it); the analyzers link this file, so the collisions they
/// report are the ones the generator avoids.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The class that holds the message records, which no record can therefore be named.</summary>
    public const string MessagesClass = "Messages";

    /// <summary>The field of the process that holds its session's context.</summary>
    public const string ContextField = "sessionContext";

    /// <summary>Generated members that other generated code depends on: if the user declares one, nothing is generated.</summary>
    public static readonly string[] EssentialMembers = [MessagesClass, "Client", "SessionDefinition", ContextField];

    /// <summary>Generated members that are simply left out when the user declares a member of the same name.</summary>
    public static readonly string[] OptionalMembers = ["SessionId", "Emit", "EmitTo", "EndSession", "After", "StartAsync", "Connect", "State", "MoveTo", "Correlate", "CorrelateNew", "ProtocolDiagram"];

    /// <summary>Members every record has (its own or inherited from <c>object</c>), which a positional property cannot be named.</summary>
    public static readonly string[] RecordMembers = ["EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize"];

    /// <summary>The C# name made from an operation, timeout or parameter name: its first letter upper-cased.</summary>
    public static string TypeNameFor(string name) =>
        name.Length == 0 || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The message record of an operation, in <c>Messages</c>; also the stem of the operation's other names.</summary>
    public static string Record(string operationName) => TypeNameFor(operationName);

    /// <summary>
    /// The operation's field in <c>SessionDefinition</c>. <c>SessionDefinition</c> inherits <c>FindOperation</c> (a
    /// method), so operation <c>Find</c>'s field takes another name.
    /// </summary>
    public static string OperationField(string record) => record == "Find" ? "FindOperationField" : record + "Operation";

    /// <summary>
    /// The operation's table entry class, nested in <c>SessionDefinition</c>. The suffix keeps it apart from the other
    /// members there: the <c>{Record}Operation</c> fields, the <c>{Name}Timeout</c> specs and the fixed members.
    /// </summary>
    public static string OperationEntry(string record) => record + "Entry";

    /// <summary>The client's method that sends the operation and awaits its handler.</summary>
    public static string ClientMethod(string record) => record + "Async";

    /// <summary>
    /// The client's one-way method: <c>Post{Record}</c>, which queues the operation and returns; in a durable process
    /// <c>Post{Record}Async</c>, which completes once the message's turn is stored.
    /// </summary>
    public static string ClientPostMethod(string record, bool durable) => durable ? "Post" + record + "Async" : "Post" + record;

    /// <summary>A timeout's C# name, the stem of its generated members.</summary>
    public static string Timeout(string timeoutName) => TypeNameFor(timeoutName);

    /// <summary>The process's method that schedules the timeout.</summary>
    public static string ScheduleMethod(string timeout) => "Schedule" + timeout;

    /// <summary>The private struct <c>Schedule{Name}</c> hands the runtime: the handler's arguments and its call.</summary>
    public static string TimeoutCallType(string timeout) => timeout + "TimeoutCall";

    /// <summary>The timeout's <c>TimeoutSpec</c> field in <c>SessionDefinition</c>, under a protocol.</summary>
    public static string TimeoutSpecField(string timeout) => timeout + "Timeout";

    /// <summary>
    /// The message property made of a handler parameter (PascalCase). In an operation's record, a property named like
    /// the record or like a member every record has gets a <c>Value</c> suffix, because a record's property cannot
    /// share those names. Timeouts have no record, so <paramref name="recordName"/> is null for them.
    /// </summary>
    public static string MessageProperty(string parameterName, string? recordName)
    {
        string property = TypeNameFor(parameterName);
        bool renamed = recordName is not null && (property == recordName || Array.IndexOf(RecordMembers, property) >= 0);
        return renamed ? property + "Value" : property;
    }

    /// <summary>
    /// The class of <c>SessionDefinition</c> that names each protocol state's bit: <c>StateMask</c>, or with as many
    /// underscores as it takes not to be named like one of the states (a member cannot share its class's name).
    /// </summary>
    public static string StateMaskClass(System.Collections.Generic.IEnumerable<string> states)
    {
        var taken = new System.Collections.Generic.HashSet<string>(states);
        string name = "StateMask";
        while (taken.Contains(name))
        {
            name += "_";
        }

        return name;
    }
}
