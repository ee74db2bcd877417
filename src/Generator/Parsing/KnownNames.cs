namespace SessionGen.Generator.Parsing;

/// <summary>Metadata names and the names of the members the generator adds to a process.</summary>
internal static class KnownNames
{
    public const string SessionProcessAttribute = "SessionGen.SessionProcessAttribute";
    public const string OnAttribute = "SessionGen.OnAttribute";
    public const string OnTimeoutAttribute = "SessionGen.OnTimeoutAttribute";
    public const string OnFaultAttribute = "SessionGen.OnFaultAttribute";
    public const string OnIdleAttribute = "SessionGen.OnIdleAttribute";
    public const string SessionFaultedException = "SessionGen.SessionFaultedException";
    public const string CorrelationAttribute = "SessionGen.CorrelationAttribute";
    public const string AcceptedInAttribute = "SessionGen.AcceptedInAttribute";
    public const string MovesToAttribute = "SessionGen.MovesToAttribute";
    public const string FinalStateAttribute = "SessionGen.FinalStateAttribute";
    public const string TransientAttribute = "SessionGen.TransientAttribute";

    /// <summary>The generated field that holds the session's context: generated state, never the user's.</summary>
    public const string ContextField = "sessionContext";

    /// <summary>Generated members that other generated code depends on: if the user declares one, nothing is generated.</summary>
    public static readonly string[] EssentialMembers = [MessagesClass, "Client", "SessionDefinition", "sessionContext"];

    /// <summary>The class that holds the message records, which no record can therefore be named.</summary>
    public const string MessagesClass = "Messages";

    /// <summary>Generated members that are simply left out when the user declares a member of the same name.</summary>
    public static readonly string[] OptionalMembers = ["SessionId", "Emit", "EmitTo", "EndSession", "After", "StartAsync", "Connect", "State", "MoveTo", "Correlate", "CorrelateNew", "ProtocolDiagram"];

    /// <summary>Members every record has (its own or inherited from <c>object</c>), which a positional property cannot be named.</summary>
    public static readonly string[] RecordMembers = ["EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize"];

    public static string ScheduleMethod(string timeoutName) => "Schedule" + timeoutName;

    /// <summary>The private struct <c>Schedule{Name}</c> hands the runtime: the handler's arguments and its call.</summary>
    public static string TimeoutCallType(string timeoutName) => timeoutName + "TimeoutCall";
}
