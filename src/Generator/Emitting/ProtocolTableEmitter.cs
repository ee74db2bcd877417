using System.Collections.Generic;
using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// The protocol and correlation parts of the dispatch table: each operation's states and key reader, one
/// <c>TimeoutSpec</c> per timeout, and the <c>SessionProtocol</c> the runtime holds early messages by. States are
/// written by name, as constants of one bit each, so the table reads like the attributes it comes from.
/// </summary>
internal static class ProtocolTableEmitter
{
    /// <summary>The extra constructor arguments of an operation's table entry (empty when it has neither protocol nor keys).</summary>
    public static string OperationArguments(ProcessModel process, OperationModel operation)
    {
        string arguments = "";
        if (process.Protocol is { } protocol && !operation.Transitions.IsUnrestricted)
        {
            arguments += $", acceptedStates: {States(protocol, operation.Transitions.AcceptedStates)}, targetStates: {States(protocol, operation.Transitions.TargetStates)}";
        }

        if (operation.Correlation.Count > 0)
        {
            string keys = string.Join(", ", operation.Correlation
                .GroupBy(static part => part.Set)
                .Select(static set => $"new global::SessionGen.CorrelationKey({Code.Literal(set.Key)}, {KeyValue(set.ToList())})"));
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

        writer.Line();
        writer.Line("/// <summary>The bit of each protocol state in the masks of this table, in the states' declaration order.</summary>");
        writer.OpenBlock($"private static class {protocol.MaskClass}");
        for (int state = 0; state < protocol.States.Count; state++)
        {
            writer.Line($"public const ulong {Code.Identifier(protocol.States[state])} = 1UL << {state};");
        }

        writer.CloseBlock();
        foreach (TimeoutModel timeout in process.Timeouts)
        {
            writer.Line();
            writer.Line($"/// <summary>Timeout <c>{timeout.Name}</c> as the protocol sees it.</summary>");
            writer.Line($"public static readonly global::SessionGen.Infrastructure.TimeoutSpec {timeout.Names.SpecField} = new(");
            using (writer.Indented())
            {
                writer.Line($"Name: {Code.Literal(timeout.Name)},");
                writer.Line($"AcceptedStates: {States(protocol, timeout.Transitions.AcceptedStates)},");
                writer.Line($"TargetStates: {States(protocol, timeout.Transitions.TargetStates)});");
            }
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
            writer.Line($"states: new[] {{ {names} }},");
            writer.Line($"finalStates: {States(protocol, protocol.FinalStates)},");
            writer.Line("transitions: new ulong[]");
            writer.Line("{");
            using (writer.Indented())
            {
                for (int state = 0; state < transitions.Length; state++)
                {
                    writer.Line($"{States(protocol, transitions[state])}, // from {protocol.States[state]}");
                }
            }

            writer.Line("},");

            // The same text as the process's ProtocolDiagram constant, for tools that see only the definition (the dashboard).
            string diagram = process.OmittedMembers.Contains("ProtocolDiagram")
                ? Code.Literal(MermaidDiagram.Of(process))
                : $"{process.FullyQualifiedName}.ProtocolDiagram";
            writer.Line($"diagram: {diagram});");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override global::SessionGen.Infrastructure.SessionProtocol? Protocol => protocol;");
    }

    /// <summary>A mask as the states it holds (<c>StateMask.Open | StateMask.Closed</c>), <c>0</c> for none.</summary>
    private static string States(ProtocolModel protocol, ulong mask)
    {
        if (mask == TransitionsModel.AnyState)
        {
            return "global::SessionGen.Infrastructure.SessionProtocol.AnyState";
        }

        var states = new List<string>();
        for (int state = 0; state < protocol.States.Count; state++)
        {
            if ((mask & (1UL << state)) != 0)
            {
                states.Add($"{protocol.MaskClass}.{Code.Identifier(protocol.States[state])}");
            }
        }

        return states.Count == 0 ? "0" : string.Join(" | ", states);
    }

    /// <summary>
    /// The key's value: its parts, in name order, through <c>CorrelationKeyParts.Combine</c>, whose generic overloads
    /// format each part without boxing it (a key of more than four parts takes its <c>params object?[]</c> overload).
    /// </summary>
    private static string KeyValue(List<CorrelationPartModel> parts) =>
        $"global::SessionGen.Infrastructure.CorrelationKeyParts.Combine({string.Join(", ", parts.Select(static part => part.Expression))})";
}
