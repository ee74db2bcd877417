using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>The definition's overrides that call the process's <c>[OnFault]</c>, <c>[OnIdle]</c> and <c>[OnParticipantLeft]</c> methods.</summary>
internal static class LifecycleHandlersEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        if (process.FaultHandler is { } fault)
        {
            Override(
                writer,
                "OnFaultAsync(object process, global::SessionGen.SessionFaultedException fault)",
                fault,
                $"(({process.FullyQualifiedName})process).{Code.Identifier(fault.MethodName)}({(fault.TakesFault ? "fault" : "")})");
        }

        if (process.IdleHandler is { } idle)
        {
            Override(writer, "OnIdleAsync(object process)", idle, $"(({process.FullyQualifiedName})process).{Code.Identifier(idle.MethodName)}()");
        }

        if (process.ParticipantLeftHandler is { } left)
        {
            writer.Line("/// <inheritdoc/>");
            writer.Line("public override bool TracksParticipants => true;");
            writer.Line();
            Override(
                writer,
                "OnParticipantLeftAsync(object process, string participant)",
                left,
                $"(({process.FullyQualifiedName})process).{Code.Identifier(left.MethodName)}(participant)");
        }
    }

    private static void Override(SourceWriter writer, string signature, LifecycleHandlerModel handler, string call)
    {
        writer.Line("/// <inheritdoc/>");
        writer.OpenBlock($"protected override global::System.Threading.Tasks.ValueTask {signature}");
        switch (handler.ReturnKind)
        {
            case ReturnKind.Task:
                writer.Line($"return new global::System.Threading.Tasks.ValueTask({call});");
                break;
            case ReturnKind.ValueTask:
                writer.Line($"return {call};");
                break;
            default:
                writer.Line($"{call};");
                writer.Line("return default;");
                break;
        }

        writer.CloseBlock();
        writer.Line();
    }
}
