using System.Collections.Generic;
using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// The members a process gets for its protocol and correlation: <c>State</c>, <c>MoveTo</c> and the
/// <c>ProtocolDiagram</c> constant when it declares states; <c>Correlate</c> and <c>CorrelateNew</c> when its
/// messages carry correlation keys.
/// </summary>
internal static class ProtocolMembersEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        if (process.Protocol is { } protocol)
        {
            string type = protocol.EnumType;
            var state = new List<string> { $"private {type} State => this.sessionContext.State switch", "{" };
            state.AddRange(protocol.States.Select((name, index) => $"    {index} => {type}.{Code.Identifier(name)},"));
            // Only a corrupted session could be in a state the enum does not name; mapping it to some state would hide that.
            state.Add($"    _ => throw new global::System.InvalidOperationException({Code.Literal($"The session's protocol state is not a member of {type.Replace("global::", "")}.")}),");
            state.Add("};");
            ContextMembersEmitter.Member(writer, process, "State",
                "/// <summary>The session's protocol state.</summary>",
                state.ToArray());

            var moveTo = new List<string> { $"private void MoveTo({type} state) => this.sessionContext.MoveTo(state switch", "{" };
            moveTo.AddRange(protocol.States.Select((name, index) => $"    {type}.{Code.Identifier(name)} => {index},"));
            moveTo.Add("    _ => -1, // not a declared state: the runtime refuses it");
            moveTo.Add("});");
            ContextMembersEmitter.Member(writer, process, "MoveTo",
                "/// <summary>Moves the session to <paramref name=\"state\"/>, which the running handler declares with <c>[MovesTo]</c>; a final state ends the session after the handler.</summary>",
                moveTo.ToArray());

            if (!process.OmittedMembers.Contains("ProtocolDiagram"))
            {
                // A constant: [DebuggerNonUserCode] and [ExcludeFromCodeCoverage] do not apply to fields.
                writer.Line();
                writer.Line("/// <summary>The protocol as a Mermaid state diagram (<c>File.WriteAllText(\"protocol.mmd\", ProtocolDiagram)</c> writes it out).</summary>");
                writer.Line(Code.GeneratedCode);
                writer.Line($"public const string ProtocolDiagram = {Code.Literal(MermaidDiagram.Of(process))};");
            }
        }

        if (process.UsesCorrelation)
        {
            ContextMembersEmitter.Member(writer, process, "Correlate",
                "/// <summary>Makes this session the one that correlation set <paramref name=\"set\"/> with <paramref name=\"value\"/> identifies.</summary>",
                "private void Correlate(string set, string value) => this.sessionContext.Correlate(set, value);");
            ContextMembersEmitter.Member(writer, process, "CorrelateNew",
                "/// <summary>Correlates this session with a fresh random value of set <paramref name=\"set\"/> (Jolie's <c>csets.x = new</c>) and returns it.</summary>",
                "private string CorrelateNew(string set) => this.sessionContext.CorrelateNew(set);");
        }
    }
}
