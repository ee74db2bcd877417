using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// For projects that reference SessionGen.AspNetCore: a second file per process that implements its
/// <c>ISessionHttpProcess</c>, listing each operation with its parameters' types (which <c>MapSessionProcess</c>
/// checks the JSON options against at startup) and JSON names. The message itself is read by the operation's table
/// entry (<see cref="MessageJsonEmitter"/>), which every process has.
/// </summary>
internal static class JsonBindingEmitter
{
    /// <summary>The interface whose presence in the compilation turns this output on.</summary>
    public const string InterfaceMetadataName = "SessionGen.AspNetCore.Infrastructure.ISessionHttpProcess";

    private const string Http = "global::SessionGen.AspNetCore.Infrastructure";

    public static string Emit(ProcessModel process) =>
        HierarchyEmitter.Write(process.Hierarchy, $" : {Http}.ISessionHttpProcess", process, static (writer, process) => EmitBinding(writer, process));

    private static void EmitBinding(SourceWriter writer, ProcessModel process)
    {
        Code.MarkGenerated(writer);
        writer.Line($"static {Http}.SessionJsonBinding {Http}.ISessionHttpProcess.CreateJsonBinding() => new {Http}.SessionJsonBinding(");
        using (writer.Indented())
        {
            writer.Line("SessionDefinition.Instance,");
            writer.Line($"new {Http}.OperationJsonBinding[]");
            writer.Line("{");
            using (writer.Indented())
            {
                foreach (OperationModel operation in process.Operations)
                {
                    EmitOperation(writer, operation);
                }
            }

            writer.Line("});");
        }
    }

    private static void EmitOperation(SourceWriter writer, OperationModel operation)
    {
        EquatableArray<ParameterModel> parameters = operation.Handler.Parameters;
        string types = string.Join(", ", parameters.Select(static parameter => $"{Http}.OperationJsonBinding.TypeOf<{parameter.Type}>()"));
        string names = string.Join(", ", parameters.Select(static parameter => Code.Literal(MessageJsonEmitter.JsonName(parameter))));
        writer.Line($"new {Http}.OperationJsonBinding(");
        using (writer.Indented())
        {
            writer.Line($"SessionDefinition.{operation.Names.Field},");
            writer.Line(parameters.Count == 0 ? "global::System.Type.EmptyTypes," : $"new global::System.Type[] {{ {types} }},");
            writer.Line(parameters.Count == 0 ? "global::System.Array.Empty<string>())," : $"new string[] {{ {names} }}),");
        }
    }
}
