using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>The C# names generated for an operation.</summary>
internal static class Names
{
    public static string Record(OperationModel operation) => Parsing.HandlerRules.TypeNameFor(operation.Name);

    // SessionDefinition inherits FindOperation (a method): operation Find's field takes another name.
    public static string OperationField(OperationModel operation) =>
        Record(operation) == "Find" ? "FindOperationField" : Record(operation) + "Operation";

    /// <summary>
    /// The operation's table entry class, nested in <c>SessionDefinition</c>. The suffix keeps it apart from the other
    /// members there: the <c>{Record}Operation</c> fields, the <c>{Name}Timeout</c> specs and the fixed members.
    /// </summary>
    public static string OperationEntry(OperationModel operation) => Record(operation) + "Entry";

    public static string ClientMethod(OperationModel operation) => Record(operation) + "Async";

    public static string ClientPostMethod(OperationModel operation) => "Post" + Record(operation);

    // Fully qualified: the handler's parameters become the generated method's, and one named Messages would hide the type.
    public static string NewMessage(ProcessModel process, OperationModel operation) =>
        $"new {process.FullyQualifiedName}.Messages.{Record(operation)}({Code.ArgumentList(operation.Handler.Parameters)})";

    /// <summary>The operation's table entry, fully qualified (a parameter named SessionDefinition would hide the type).</summary>
    public static string OperationEntry(ProcessModel process, OperationModel operation) =>
        $"{process.FullyQualifiedName}.SessionDefinition.{OperationField(operation)}";
}
