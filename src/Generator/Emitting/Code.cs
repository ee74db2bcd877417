using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>Small pieces of C# text the emitters share.</summary>
internal static class Code
{
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"SessionGen.Generator\", \"" + ThisAssembly.Version + "\")]";
    public const string HiddenFromEditor = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
    public const string NonUserCode = "[global::System.Diagnostics.DebuggerNonUserCode]";
    public const string ExcludeFromCodeCoverage = "[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]";
    public const string NeverBrowsable = "[global::System.Diagnostics.DebuggerBrowsable(global::System.Diagnostics.DebuggerBrowsableState.Never)]";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string ISessionHost = "global::SessionGen.ISessionHost";
    public const string SessionId = "global::SessionGen.SessionId";
    public const string SessionCaller = "global::SessionGen.SessionCaller";
    public const string MessageId = "global::SessionGen.MessageId";

    /// <summary>
    /// Marks a generated type, method or property as CommunityToolkit.Mvvm does: generated (analyzers skip it), not
    /// the user's code (the debugger steps over it) and left out of code coverage. Members of a generated type need
    /// none of their own; the type's cover them.
    /// </summary>
    public static void MarkGenerated(SourceWriter writer)
    {
        writer.Line(GeneratedCode);
        writer.Line(NonUserCode);
        writer.Line(ExcludeFromCodeCoverage);
    }

    /// <summary>The C# keyword of an accessibility.</summary>
    public static string Keyword(GeneratedAccessibility accessibility) => accessibility switch
    {
        GeneratedAccessibility.Public => "public",
        GeneratedAccessibility.Internal => "internal",
        _ => "private",
    };

    /// <summary>
    /// <c>new Messages.X(a, b)</c> in a method of the process or its client, whose parameters are the handler's: fully
    /// qualified (<c>new P.Messages.X(a, b)</c>) only when one of them is named <c>Messages</c> and would hide the type.
    /// Nothing else can: the process cannot declare a member of that name beside the generated one (the generator
    /// then writes nothing), and it hides any its bases have.
    /// </summary>
    public static string NewMessage(ProcessModel process, OperationModel operation) =>
        $"new {(HasParameterNamed(operation, "Messages") ? process.FullyQualifiedName + "." : "")}Messages.{operation.Names.Record}({ArgumentList(operation.Handler.Parameters)})";

    /// <summary>
    /// The operation's table field, <c>SessionDefinition.XOperation</c>, for the same methods: fully qualified only when
    /// a parameter named <c>SessionDefinition</c> would hide the type (as <see cref="NewMessage"/>).
    /// </summary>
    public static string OperationReference(ProcessModel process, OperationModel operation) =>
        $"{(HasParameterNamed(operation, "SessionDefinition") ? process.FullyQualifiedName + "." : "")}SessionDefinition.{operation.Names.Field}";

    private static bool HasParameterNamed(OperationModel operation, string name)
    {
        foreach (ParameterModel parameter in operation.Handler.Parameters)
        {
            if (parameter.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An identifier, escaped with <c>@</c> when it is a keyword, or <c>await</c> (reserved in the async <c>StartAsync</c>).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || name == "await" ? "@" + name : name;

    /// <summary>Free text for an XML documentation comment: markup escaped, kept on one line.</summary>
    public static string DocText(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", " ").Replace("\n", " ");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary><c>Type name, Type name</c> for a handler's parameters.</summary>
    public static string ParameterList(IEnumerable<ParameterModel> parameters) =>
        string.Join(", ", parameters.Select(static parameter => $"{parameter.Type} {Identifier(parameter.Name)}"));

    /// <summary><c>name, name</c> for a handler's parameters, each passed as <see cref="Static"/> says.</summary>
    public static string ArgumentList(IEnumerable<ParameterModel> parameters) =>
        string.Join(", ", parameters.Select(static parameter => Static(parameter.Type, Identifier(parameter.Name))));

    /// <summary>
    /// <paramref name="expression"/>, of type <paramref name="type"/>, as an argument of a call: a <c>dynamic</c> one cast
    /// to <c>object</c> (an identity conversion, no code), so that the call is bound at compile time. A <c>dynamic</c>
    /// argument makes the C# compiler bind the whole call at run time, through Microsoft.CSharp.RuntimeBinder (reflection:
    /// not trimming or Native AOT safe, and ruled out on the dispatch path); the parameter it is passed to is
    /// <c>dynamic</c> (or a type parameter given as <c>dynamic</c>), which takes an <c>object</c> as it is.
    /// </summary>
    public static string Static(string? type, string expression) => type switch
    {
        "dynamic" => $"(object){expression}",
        "dynamic?" => $"(object?){expression}",
        _ => expression,
    };

    /// <summary>A name for a generated parameter that none of the handler's parameters already uses.</summary>
    public static string FreeName(string preferred, IEnumerable<ParameterModel> taken)
    {
        var names = new HashSet<string>(taken.Select(static parameter => parameter.Name));
        string name = preferred;
        for (int suffix = 2; names.Contains(name); suffix++)
        {
            name = preferred + suffix;
        }

        return name;
    }

    /// <summary>What the client's method returns for a handler: <c>ValueTask</c> or <c>ValueTask&lt;R&gt;</c>.</summary>
    public static string ClientReturnType(HandlerModel handler) =>
        handler.ResultType is null
            ? "global::System.Threading.Tasks.ValueTask"
            : $"global::System.Threading.Tasks.ValueTask<{handler.ResultType}>";

    /// <summary>The runtime's <c>TResult</c> for a handler: its result, or <c>ValueTuple</c> for none.</summary>
    public static string RuntimeResultType(HandlerModel handler) => handler.ResultType ?? "global::System.ValueTuple";
}
