using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>Writes the generated file of one process: the partial class around the parts below.</summary>
internal static class ProcessEmitter
{
    public static string Emit(ProcessModel process) =>
        HierarchyEmitter.Write(process.Hierarchy, DurableStateEmitter.BaseList(process), process, static (writer, process) => EmitMembers(writer, process));

    private static void EmitMembers(SourceWriter writer, ProcessModel process)
    {
        ContextMembersEmitter.Emit(writer, process);
        DurableStateEmitter.EmitStateMembers(writer, process);
        writer.Line();
        EntryPointsEmitter.Emit(writer, process);
        writer.Line();
        MessagesEmitter.Emit(writer, process);
        writer.Line();
        ClientEmitter.Emit(writer, process);
        writer.Line();
        DefinitionEmitter.Emit(writer, process);
    }
}
