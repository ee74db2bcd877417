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
            string fromIndex = string.Join(", ", protocol.States.Select((state, index) => index == protocol.States.Count - 1 ? $"_ => {type}.{state}" : $"{index} => {type}.{state}"));
            string toIndex = string.Join(", ", protocol.States.Select((state, index) => $"{type}.{state} => {index}")) + ", _ => -1";
            ContextMembersEmitter.Member(writer, process, "State",
                "/// <summary>The session's protocol state.</summary>",
                $"private {type} State => this.sessionContext.State switch {{ {fromIndex} }};");
            ContextMembersEmitter.Member(writer, process, "MoveTo",
                "/// <summary>Moves the session to <paramref name=\"state\"/>, which the running handler declares with <c>[MovesTo]</c>; a final state ends the session after the handler.</summary>",
                $"private void MoveTo({type} state) => this.sessionContext.MoveTo(state switch {{ {toIndex} }});");
            ContextMembersEmitter.Member(writer, process, "ProtocolDiagram",
                "/// <summary>The protocol as a Mermaid state diagram (<c>File.WriteAllText(\"protocol.mmd\", ProtocolDiagram)</c> writes it out).</summary>",
                $"public const string ProtocolDiagram = {Code.Literal(MermaidDiagram.Of(process))};");
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
