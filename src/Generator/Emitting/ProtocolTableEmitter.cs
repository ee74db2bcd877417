using System.Globalization;
using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// The protocol and correlation parts of the dispatch table: each operation's state masks and key reader,
/// one <c>TimeoutSpec</c> per timeout, and the <c>SessionProtocol</c> the runtime holds early messages by.
/// </summary>
internal static class ProtocolTableEmitter
{
    /// <summary>The extra constructor arguments of an operation's table entry (empty when it has neither protocol nor keys).</summary>
    public static string OperationArguments(ProcessModel process, OperationModel operation)
    {
        string arguments = "";
        if (process.Protocol is not null && !operation.Transitions.IsUnrestricted)
        {
            arguments += $", acceptedStates: {Mask(operation.Transitions.AcceptedStates)}, targetStates: {Mask(operation.Transitions.TargetStates)}";
        }

        if (operation.Correlation.Count > 0)
        {
            string keys = string.Join(", ", operation.Correlation
                .GroupBy(static part => part.Set)
                .Select(static set => $"new global::SessionGen.CorrelationKey({Code.Literal(set.Key)}, global::SessionGen.CorrelationKey.Combine({string.Join(", ", set.Select(static part => part.Expression))}))"));
            arguments += $", correlate: static message => new[] {{ {keys} }}";
        }

        return arguments;
    }

    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        if (process.Protocol is not { } protocol)
        {
            return;
        }

        foreach (TimeoutModel timeout in process.Timeouts)
        {
            writer.Line();
            writer.Line($"/// <summary>Timeout <c>{timeout.Name}</c> as the protocol sees it.</summary>");
            writer.Line($"public static readonly global::SessionGen.Infrastructure.TimeoutSpec {timeout.Name}Timeout = new({Code.Literal(timeout.Name)}, {Mask(timeout.Transitions.AcceptedStates)}, {Mask(timeout.Transitions.TargetStates)});");
        }

        // For each state, where the handlers accepted in it may lead: the runtime refuses a held message
        // at once when no state it can still reach accepts it.
        var transitions = new ulong[protocol.States.Count];
        foreach (TransitionsModel handler in process.Operations.Select(static o => o.Transitions).Concat(process.Timeouts.Select(static t => t.Transitions)))
        {
            for (int state = 0; state < transitions.Length; state++)
            {
                if ((handler.AcceptedStates & (1UL << state)) != 0)
                {
                    transitions[state] |= handler.TargetStates;
                }
            }
        }

        string names = string.Join(", ", protocol.States.Select(Code.Literal));
        writer.Line();
        writer.Line("private static readonly global::SessionGen.Infrastructure.SessionProtocol protocol = new global::SessionGen.Infrastructure.SessionProtocol(");
        using (writer.Indented())
        {
            writer.Line($"new[] {{ {names} }},");
            writer.Line($"finalStates: {Mask(protocol.FinalStates)},");
            writer.Line($"transitions: new ulong[] {{ {string.Join(", ", transitions.Select(Mask))} }});");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override global::SessionGen.Infrastructure.SessionProtocol? Protocol => protocol;");
    }

    private static string Mask(ulong mask) => "0x" + mask.ToString("X", CultureInfo.InvariantCulture) + "UL";
}
