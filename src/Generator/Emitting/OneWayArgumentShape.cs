using System.Collections.Generic;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// Which one-way messages travel as their handler's argument instead of a record (the runtime's <c>OneWayArgument</c>):
/// those whose handler takes no argument, or one primitive of at most 8 bytes, and no caller. The client's
/// <c>Post{Operation}</c> then makes no object per message (issue 16; a durable process's client has no such method, but
/// its table entry still takes the argument, for whoever posts through it), and the operation's table entry calls the
/// handler with the argument (and makes the record only where one is needed).
/// </summary>
internal static class OneWayArgumentShape
{
    public const string Type = "global::SessionGen.Infrastructure.OneWayArgument";

    // Primitives as the model spells them (keywords): no references, at most 8 bytes, so they fit the queue's slot.
    private static readonly HashSet<string> Carried =
    [
        "bool", "byte", "sbyte", "char", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
    ];

    public static bool Applies(OperationModel operation) =>
        !operation.StartsSession
        && operation.Handler.Caller is null
        && operation.Handler.Parameters.Count switch
        {
            0 => true,
            1 => Carried.Contains(operation.Handler.Parameters[0].Type),
            _ => false,
        };

    /// <summary>What the client passes for the handler's arguments: <c>OneWayArgument.From(value)</c>, or none.</summary>
    public static string FromArguments(OperationModel operation) =>
        operation.Handler.Parameters.Count == 0
            ? $"default({Type})"
            : $"{Type}.From({Code.Identifier(operation.Handler.Parameters[0].Name)})";

    /// <summary>The handler's argument read back from a parameter named <c>argument</c>.</summary>
    public static string Read(ParameterModel parameter) => $"argument.As<{parameter.Type}>()";
}
