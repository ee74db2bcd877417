using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// <c>P.SessionDefinition</c>: the dispatch table. One typed operation per handler (a static lambda that
/// calls the method with the message's properties), a name lookup, and the factory of process instances.
/// </summary>
internal static class DefinitionEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line($"/// <summary>The runtime's description of the <c>{Code.DocText(process.ProtocolName)}</c> process: its dispatch table and factory.</summary>");
        writer.Line(Code.HiddenFromEditor);
        writer.Line(Code.GeneratedCode);
        writer.OpenBlock($"{process.Accessibility} sealed class SessionDefinition : global::SessionGen.SessionProcessDefinition");
        writer.Line("/// <summary>The one instance.</summary>");
        writer.Line("public static readonly SessionDefinition Instance = new SessionDefinition();");
        foreach (OperationModel operation in process.Operations)
        {
            HandlerModel handler = operation.Handler;
            writer.Line();
            writer.Line($"/// <summary>Operation <c>{operation.Name}</c>, handled by <c>{handler.MethodName}</c>.</summary>");
            writer.Line($"public static readonly global::SessionGen.SessionOperation<{process.FullyQualifiedName}, Messages.{Names.Record(operation)}, {Code.RuntimeResultType(handler)}> {Names.OperationField(operation)} =");
            using (writer.Indented())
            {
                string options = (handler.TakesCancellationToken ? ", handlerTakesCancellationToken: true" : "")
                    + ProtocolTableEmitter.OperationArguments(process, operation);
                writer.Line($"new(Instance, {Code.Literal(operation.Name)}, startsSession: {(operation.StartsSession ? "true" : "false")}, static (process, message, cancellationToken) => {Invocation(handler)}{options});");
            }
        }

        ProtocolTableEmitter.Emit(writer, process);

        writer.Line();
        string table = string.Join(", ", process.Operations.Select(Names.OperationField));
        writer.Line($"private static readonly global::SessionGen.SessionOperation[] operations = new global::SessionGen.SessionOperation[] {{ {table} }};");
        writer.Line();
        writer.Line("private SessionDefinition()");
        using (writer.Indented())
        {
            writer.Line(process.Settings.IsDefault
                ? $": base({Code.Literal(process.ProtocolName)})"
                : $": base({Code.Literal(process.ProtocolName)}, {SettingsEmitter.Expression(process.Settings)})");
        }

        writer.Line("{");
        writer.Line("}");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::SessionGen.SessionOperation> Operations => operations;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override global::SessionGen.SessionOperation? FindOperation(string name) => name switch");
        writer.Line("{");
        using (writer.Indented())
        {
            foreach (OperationModel operation in process.Operations)
            {
                writer.Line($"{Code.Literal(operation.Name)} => {Names.OperationField(operation)},");
            }

            writer.Line("_ => null,");
        }

        writer.Line("};");
        writer.Line();
        LifecycleHandlersEmitter.Emit(writer, process);
        writer.Line("/// <inheritdoc/>");
        writer.OpenBlock("protected override object CreateProcess(global::SessionGen.SessionContext context)");
        if (process.HasParameterlessConstructor)
        {
            writer.Line($"var process = new {process.FullyQualifiedName}();");
            writer.Line("process.sessionContext = context;");
            writer.Line("return process;");
        }
        else
        {
            ProcessFactoryEmitter.EmitServiceConstruction(writer, process);
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>The lambda body that calls the handler and adapts its result to <c>ValueTask&lt;TResult&gt;</c>.</summary>
    private static string Invocation(HandlerModel handler)
    {
        string arguments = string.Join(", ", handler.Parameters.Select(static parameter => "message." + parameter.PropertyName));
        if (handler.TakesCancellationToken)
        {
            arguments = arguments.Length == 0 ? "cancellationToken" : arguments + ", cancellationToken";
        }

        string call = $"process.{Code.Identifier(handler.MethodName)}({arguments})";
        return handler.ReturnKind switch
        {
            ReturnKind.Void => $"{{ {call}; return default; }}",
            ReturnKind.Value => $"new global::System.Threading.Tasks.ValueTask<{handler.ResultType}>({call})",
            ReturnKind.Task => $"global::SessionGen.HandlerResults.FromTask({call})",
            ReturnKind.TaskOfT => $"new global::System.Threading.Tasks.ValueTask<{handler.ResultType}>({call})",
            ReturnKind.ValueTask => $"global::SessionGen.HandlerResults.FromValueTask({call})",
            _ => call,
        };
    }
}
