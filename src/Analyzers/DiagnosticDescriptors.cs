using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers;

/// <summary>
/// Every SessionGen diagnostic. IDs are stable: once shipped, an ID keeps its meaning forever. Each has a page
/// at docs/diagnostics/{ID}.md and a line in AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "SessionGen";

    /// <summary>Each rule's page is docs/diagnostics/{ID}.md in the repository.</summary>
    private const string HelpLinkBase = "https://github.com/sessiongen/sessiongen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor ProcessMustBePartial = new(
        "SGEN0001",
        "Session process must be partial",
        "Session process '{0}' is not declared 'partial', so the generator cannot add its members; add the 'partial' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0001.md");

    public static readonly DiagnosticDescriptor ProcessMustBeInstantiable = new(
        "SGEN0002",
        "Session process must not be static or abstract",
        "Session process '{0}' is '{1}', but the runtime creates one instance of it per session; remove the '{1}' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0002.md");

    public static readonly DiagnosticDescriptor GenericProcess = new(
        "SGEN0003",
        "Generic session processes are not supported",
        "Session process '{0}' is generic, which SessionGen does not support; declare a non-generic process (it may derive from a generic base class)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0003.md");

    public static readonly DiagnosticDescriptor RecordProcess = new(
        "SGEN0004",
        "Session process must be a class, not a record",
        "Session process '{0}' is a record, which SessionGen does not support; declare it as a 'partial class'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0004.md");

    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = new(
        "SGEN0005",
        "Type containing a session process must be partial",
        "Session process '{0}' is nested in '{1}', which is not 'partial', so the generated code cannot be nested in it; add the 'partial' modifier to '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0005.md");

    public static readonly DiagnosticDescriptor GenericContainingType = new(
        "SGEN0006",
        "Session process nested in a generic type",
        "Session process '{0}' is nested in the generic type '{1}', which SessionGen does not support; move the process out of '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0006.md");

    public static readonly DiagnosticDescriptor MissingParameterlessConstructor = new(
        "SGEN0007",
        "Session process needs a constructor the runtime can call",
        "Session process '{0}' has no constructor the runtime can call; add a parameterless one (it may be private) or one whose parameters the host's services provide (no ref, out, in, pointer or ref struct parameters)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0007.md");

    public static readonly DiagnosticDescriptor MissingStarter = new(
        "SGEN0008",
        "Session process has no starter",
        "Session process '{0}' has no starter operation, so no session of it can ever begin; mark an operation with [On(\"...\", StartsSession = true)]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0008.md");

    public static readonly DiagnosticDescriptor HandlerOutsideProcess = new(
        "SGEN0009",
        "Handler outside a session process",
        "{0} on '{1}' has no effect because '{2}' is not a [SessionProcess] class; mark '{2}' with [SessionProcess] or remove the attribute",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0009.md");

    public static readonly DiagnosticDescriptor HandlerMustBeOrdinaryMethod = new(
        "SGEN0010",
        "Handler must be an ordinary method",
        "{0} on '{1}' has no effect because only ordinary methods declared in a session process can be handlers; put the attribute on such a method",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0010.md");

    public static readonly DiagnosticDescriptor StaticHandler = new(
        "SGEN0011",
        "Handler must be an instance method",
        "Handler '{0}' is static, but handlers run on their session's instance; remove the 'static' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0011.md");

    public static readonly DiagnosticDescriptor GenericHandler = new(
        "SGEN0012",
        "Handler must not be generic",
        "Handler '{0}' is generic, so no message type can be generated for it; remove its type parameters and use concrete types",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0012.md");

    public static readonly DiagnosticDescriptor AsyncVoidHandler = new(
        "SGEN0013",
        "Handler must not be async void",
        "Handler '{0}' is 'async void', so its session can neither wait for it nor see its exceptions; return Task instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0013.md");

    public static readonly DiagnosticDescriptor UnsupportedParameter = new(
        "SGEN0014",
        "Handler parameter cannot be carried by a message",
        "Parameter '{0}' of handler '{1}' is {2}, which cannot be a message property; pass an ordinary type by value",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0014.md");

    public static readonly DiagnosticDescriptor MisplacedCancellationToken = new(
        "SGEN0015",
        "CancellationToken must be the last parameter",
        "The CancellationToken parameter '{0}' of handler '{1}' is not its last parameter; move it to the end",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0015.md");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "SGEN0016",
        "Unsupported handler return type",
        "Handler '{0}' returns '{1}', which SessionGen cannot return to a client; return void, a value, Task, Task<T>, ValueTask or ValueTask<T>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0016.md");

    public static readonly DiagnosticDescriptor InvalidName = new(
        "SGEN0017",
        "Operation or timeout name must be a valid identifier",
        "The {0} name {1} is not a valid C# identifier, so no {2} can be generated for it; use a non-empty identifier that is not a keyword",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0017.md");

    public static readonly DiagnosticDescriptor DuplicateOperationName = new(
        "SGEN0018",
        "Duplicate operation name",
        "Operation \"{0}\" of handler '{1}' has the same generated name 'Messages.{2}' as the operation of handler '{3}', so only the first is generated; rename one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0018.md");

    public static readonly DiagnosticDescriptor DuplicateTimeoutName = new(
        "SGEN0019",
        "Duplicate timeout name",
        "Timeout \"{0}\" of handler '{1}' has the same generated name 'Schedule{2}' as the timeout of handler '{3}', so only the first is generated; rename one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0019.md");

    public static readonly DiagnosticDescriptor DuplicateStarterSignature = new(
        "SGEN0020",
        "Starters with the same parameter types",
        "Starter '{0}' takes the same parameter types as starter '{1}', so their StartAsync overloads would clash; change the parameters of one of them or make one a normal operation",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0020.md");

    public static readonly DiagnosticDescriptor MessagePropertyClash = new(
        "SGEN0021",
        "Handler parameters map to the same message property",
        "Parameters '{0}' and '{1}' of handler '{2}' would both become the message property '{3}'; rename one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0021.md");

    public static readonly DiagnosticDescriptor GeneratedMemberCollision = new(
        "SGEN0022",
        "Name collides with a generated member",
        "{0} collides with '{1}', which SessionGen generates into session process '{2}'; {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0022.md");

    public static readonly DiagnosticDescriptor BlockingCallInHandler = new(
        "SGEN0023",
        "Blocking call in a handler",
        "'{0}' blocks handler '{1}' and with it every message and timeout of its session; {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A session runs one message at a time, so a handler that blocks a thread stalls its whole session.",
        helpLinkUri: HelpLinkBase + "SGEN0023.md");

    public static readonly DiagnosticDescriptor FileLocalProcess = new(
        "SGEN0024",
        "Session process must not be file-local",
        "Session process '{0}' is file-local because '{1}' is declared 'file', but its generated code lives in another file; remove the 'file' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0024.md");

    public static readonly DiagnosticDescriptor UnreachableState = new(
        "SGEN0025",
        "Protocol state is never reached",
        "State '{0}' of session process '{1}' is never reached: it is not the initial state and no handler accepted in a reachable state moves to it; add it to the [MovesTo] of such a handler, or remove the state",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The states a session can reach are the initial state (the enum's first member) and, from each reachable state that is not final, the [MovesTo] states of the handlers accepted in it.",
        helpLinkUri: HelpLinkBase + "SGEN0025.md");

    public static readonly DiagnosticDescriptor HandlerNeverAccepted = new(
        "SGEN0026",
        "Handler is accepted only in states that are never reached",
        "Handler '{0}' is accepted only in {1}, which the session never reaches (or which are final and end it), so it never runs and its messages are refused; accept it in a reachable state that is not final, or add a [MovesTo] that leads there",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A message whose handler is accepted in no state the session can still reach is answered with MessageNotAcceptedException; a timeout in no reachable state never fires.",
        helpLinkUri: HelpLinkBase + "SGEN0026.md");

    public static readonly DiagnosticDescriptor DeadEndState = new(
        "SGEN0027",
        "Protocol state has no way out and is not final",
        "State '{0}' of session process '{1}' has no way out: no handler accepted in it declares a move to another state, yet it is not marked [FinalState]; mark it [FinalState] if sessions end there, or give a handler accepted in it a [MovesTo]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A session that reaches a state with no way out stays in it until it ends some other way (EndSession, an idle timeout), and every message accepted only elsewhere waits in vain.",
        helpLinkUri: HelpLinkBase + "SGEN0027.md");

    public static readonly DiagnosticDescriptor UndeclaredState = new(
        "SGEN0028",
        "Transition to an undeclared state",
        "'{0}' in [{1}] on handler '{2}' is not a state of session process '{3}', because {4}, so it is ignored; {5}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0028.md");

    public static readonly DiagnosticDescriptor LazySequenceHandler = new(
        "SGEN0029",
        "Handler returns a lazy sequence",
        "Handler '{0}' {1}, so its code runs only when the result is enumerated, never within the session's turn; {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The session's turn ends when the handler returns (or its task completes). An iterator's body, or an async stream's, runs later, when someone enumerates the result: alongside the session's next messages, or never.",
        helpLinkUri: HelpLinkBase + "SGEN0029.md");

    public static readonly DiagnosticDescriptor UnstorableField = new(
        "SGEN0030",
        "Stored field of a durable process cannot be stored",
        "{0} of durable session process '{1}' has type '{2}', {3}, which cannot be stored with the session; mark it [Transient] (after a reload it holds what the constructor gives it)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A durable process stores every instance field that is not [Transient], with System.Text.Json, after each turn, and reads them back when the session is loaded again (after a restart, on another node). A delegate, task, token, stream, thread, lock, service provider, session client or pointer is a live thing of this process, not data.",
        helpLinkUri: HelpLinkBase + "SGEN0030.md");

    public static readonly DiagnosticDescriptor FieldNotInSerializerContext = new(
        "SGEN0031",
        "Stored field's type is not in the JSON serializer context",
        "{0} of durable session process '{1}' has type '{2}', which no [JsonSerializable] of '{3}' lists, so storing it fails at run time when the host's serializer options use that context; add [JsonSerializable(typeof({2}))] to the context, or mark the field [Transient]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "With System.Text.Json source generation (as Native AOT requires), only the types a JsonSerializerContext lists, and the types they are made of, have a contract. A collection of a listed type needs its own [JsonSerializable].",
        helpLinkUri: HelpLinkBase + "SGEN0031.md");

    public static readonly DiagnosticDescriptor TransientOutsideDurableProcess = new(
        "SGEN0032",
        "[Transient] in a process that is not durable",
        "'{0}' is marked [Transient], but session process '{1}' is not durable, so nothing of it is stored and the attribute has no effect; remove [Transient], or declare the process [SessionProcess(Durable = true)]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0032.md");

    public static readonly DiagnosticDescriptor AnonymousTimeoutInDurableProcess = new(
        "SGEN0033",
        "Anonymous timeout in a durable process",
        "Durable session process '{0}' schedules a callback with After, but a closure cannot be stored with the session, so the timeout would be lost on a reload; declare an [OnTimeout(\"Name\")] handler and call the generated ScheduleName(delay, ...) instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A named timeout stores its name and its handler's arguments, and a reloaded session schedules it again; an Action passed to After has nothing that can be stored.",
        helpLinkUri: HelpLinkBase + "SGEN0033.md");

    public static readonly DiagnosticDescriptor UnrestorableAutoProperty = new(
        "SGEN0034",
        "Stored auto-property of a durable process cannot be set back",
        "Auto-property '{0}' of durable session process '{1}' has no 'set' accessor, so its stored value cannot be set back when the session is loaded again; make it a field, give it a 'set' accessor (it may be private), or mark it [field: Transient]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated code restores an auto-property through its setter; a get-only or init-only one can only be set while the object is created, so the generator leaves it out and it would silently lose its value on a reload.",
        helpLinkUri: HelpLinkBase + "SGEN0034.md");

    public static readonly DiagnosticDescriptor UnstoredBaseClassField = new(
        "SGEN0035",
        "A base class of a durable process holds state that is not stored",
        "Base class '{0}' of durable session process '{1}' declares the instance field '{2}', which is not stored with the session and would lose its value on a reload; move it into '{1}', or mark it [Transient] if it need not survive",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated snapshot of a durable process covers the fields the process class itself declares; a base class's fields (private ones are out of the generated code's reach) are not part of it.",
        helpLinkUri: HelpLinkBase + "SGEN0035.md");

    public static readonly DiagnosticDescriptor DuplicateCallerParameter = new(
        "SGEN0040",
        "A handler takes at most one caller",
        "Handler '{0}' takes more than one SessionCaller parameter ('{1}' and '{2}'), but a message has one caller; keep one of them",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator fills a SessionCaller parameter with the caller the message came with; a second one could only be the same caller, so the handler is skipped.",
        helpLinkUri: HelpLinkBase + "SGEN0040.md");

    public static readonly DiagnosticDescriptor CallerOnNonMessageHandler = new(
        "SGEN0041",
        "Only message handlers receive a caller",
        "{0} method '{1}' takes the SessionCaller parameter '{2}', but it does not handle a message, so no caller comes with it; remove the parameter (pass the caller's Id along as an argument if the method needs it)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Timeouts, idleness, faults and departures are the session's own events: nobody sends them, so there is no caller to pass.",
        helpLinkUri: HelpLinkBase + "SGEN0041.md");

    public static readonly DiagnosticDescriptor InvalidParticipantLeftHandler = new(
        "SGEN0042",
        "Invalid [OnParticipantLeft] method",
        "The [OnParticipantLeft] method '{0}' {1}; declare it as an instance method of the session process, 'void {0}(string participant)' (or returning Task or ValueTask)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The runtime calls the presence handler with the participant's id, on the session's turn; a method of another shape is not called at all.",
        helpLinkUri: HelpLinkBase + "SGEN0042.md");

    public static readonly DiagnosticDescriptor DuplicateParticipantLeftHandler = new(
        "SGEN0043",
        "A process has at most one [OnParticipantLeft] method",
        "Process '{0}' has more than one [OnParticipantLeft] method; only '{1}' is called, so remove the attribute from '{2}' (or merge the two)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + "SGEN0043.md");

    public static readonly DiagnosticDescriptor CallerInMessage = new(
        "SGEN0044",
        "A caller cannot be part of a message",
        "Parameter '{0}' of handler '{1}' has type '{2}', which holds a SessionCaller inside the message, where the sender writes it; take 'SessionCaller {0}' directly (the transport fills it) or send the participant ids as strings",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Only a parameter of type SessionCaller itself is filled by the transport; a caller nested in another type (an array, a list, a tuple) is message data that any sender can make up.",
        helpLinkUri: HelpLinkBase + "SGEN0044.md");
}
