using System;
using System.Collections.Generic;
using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// <c>P.SessionDefinition</c>: the dispatch table. One typed operation per handler (a nested sealed class whose
/// <c>CallHandler</c> calls the method with the message's properties), a name lookup, and the factory of process instances.
/// </summary>
internal static class DefinitionEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line($"/// <summary>The runtime's description of the <c>{Code.DocText(process.ProtocolName)}</c> process: its dispatch table and factory.</summary>");
        writer.Line(Code.HiddenFromEditor);
        Code.MarkGenerated(writer);
        writer.OpenBlock($"{Code.Keyword(process.Accessibility)} sealed class SessionDefinition : global::SessionGen.Infrastructure.SessionProcessDefinition");
        writer.Line("/// <summary>The one instance.</summary>");
        writer.Line("public static readonly SessionDefinition Instance = new SessionDefinition();");
        foreach (OperationModel operation in process.Operations)
        {
            HandlerModel handler = operation.Handler;
            writer.Line();
            writer.Line($"/// <summary>Operation <c>{operation.Name}</c>, handled by <c>{handler.MethodName}</c>.</summary>");
            writer.Line($"public static readonly {EntryBaseType(process, operation)} {operation.Names.Field} = new {operation.Names.Entry}();");
        }

        ProtocolTableEmitter.Emit(writer, process);

        writer.Line();
        string table = string.Join(", ", process.Operations.Select(static operation => operation.Names.Field));
        writer.Line($"private static readonly global::SessionGen.Infrastructure.SessionOperation[] operations = new global::SessionGen.Infrastructure.SessionOperation[] {{ {table} }};");
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
        writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::SessionGen.Infrastructure.SessionOperation> Operations => operations;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override global::SessionGen.Infrastructure.SessionOperation? FindOperation(string name) => name switch");
        writer.Line("{");
        using (writer.Indented())
        {
            foreach (OperationModel operation in process.Operations)
            {
                writer.Line($"{Code.Literal(operation.Name)} => {operation.Names.Field},");
            }

            writer.Line("_ => null,");
        }

        writer.Line("};");
        writer.Line();
        DurableStateEmitter.EmitDefinitionMembers(writer, process);
        LifecycleHandlersEmitter.Emit(writer, process);
        writer.Line("/// <inheritdoc/>");
        writer.OpenBlock("protected override object CreateProcess(global::SessionGen.Infrastructure.SessionContext context)");
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
        foreach (OperationModel operation in process.Operations)
        {
            writer.Line();
            EmitEntry(writer, process, operation);
        }

        writer.CloseBlock();
    }

    /// <summary>The runtime's typed operation an entry derives from: <c>SessionOperation&lt;P, Messages.X, R&gt;</c>.</summary>
    private static string EntryBaseType(ProcessModel process, OperationModel operation) =>
        $"global::SessionGen.Infrastructure.SessionOperation<{process.FullyQualifiedName}, Messages.{operation.Names.Record}, {Code.RuntimeResultType(operation.Handler)}>";

    /// <summary>
    /// The sealed table entry of one operation: its <c>CallHandler</c> calls the handler method directly (nested in
    /// the process, so private handlers are reachable), which the JIT can inline, unlike a call through a delegate;
    /// its <c>WriteMessageJson</c>/<c>ReadMessageJson</c> carry the message as JSON (<see cref="MessageJsonEmitter"/>).
    /// </summary>
    private static void EmitEntry(SourceWriter writer, ProcessModel process, OperationModel operation)
    {
        HandlerModel handler = operation.Handler;
        string entry = operation.Names.Entry;
        string options = (handler.TakesCancellationToken ? ", handlerTakesCancellationToken: true" : "")
            + ProtocolTableEmitter.OperationArguments(process, operation)
            + (handler.ReturnKind is ReturnKind.Void or ReturnKind.Value ? ", handlerIsSynchronous: true" : "")
            + handler.Caller switch
            {
                null => "",
                { Required: true } => ", caller: global::SessionGen.Infrastructure.CallerParameter.Required",
                _ => ", caller: global::SessionGen.Infrastructure.CallerParameter.Optional",
            };
        writer.Line($"/// <summary>The table entry of operation <c>{Code.DocText(operation.Name)}</c>: calls <c>{handler.MethodName}</c> directly.</summary>");
        Code.MarkGenerated(writer);
        writer.OpenBlock($"private sealed class {entry} : {EntryBaseType(process, operation)}");
        writer.Line($"public {entry}()");
        using (writer.Indented())
        {
            writer.Line($": base(Instance, {Code.Literal(operation.Name)}, startsSession: {(operation.StartsSession ? "true" : "false")}{options})");
        }

        writer.Line("{");
        writer.Line("}");
        writer.Line();
        string signature = $"protected override global::System.Threading.Tasks.ValueTask<{Code.RuntimeResultType(handler)}> CallHandler({process.FullyQualifiedName} process, Messages.{operation.Names.Record} message, {Code.SessionCaller}? caller, {Code.CancellationToken} cancellationToken)";
        if (handler.ReturnKind == ReturnKind.Void)
        {
            writer.OpenBlock(signature);
            writer.Line($"{Call(handler)};");
            writer.Line("return default;");
            writer.CloseBlock();
        }
        else
        {
            writer.Line(signature + " =>");
            using (writer.Indented())
            {
                writer.Line($"{Invocation(handler)};");
            }
        }

        if (OneWayArgumentShape.Applies(operation))
        {
            EmitArgumentMembers(writer, process, operation);
        }

        MessageJsonEmitter.EmitEntryMembers(writer, operation);
        writer.CloseBlock();
    }

    /// <summary>
    /// The members that let a one-way message travel as its handler's argument (<see cref="OneWayArgumentShape"/>): the
    /// handler called with the argument, and the record made of it where one is needed.
    /// </summary>
    private static void EmitArgumentMembers(SourceWriter writer, ProcessModel process, OperationModel operation)
    {
        HandlerModel handler = operation.Handler;
        writer.Line();
        string signature = $"protected override global::System.Threading.Tasks.ValueTask<{Code.RuntimeResultType(handler)}> CallHandler({process.FullyQualifiedName} process, {OneWayArgumentShape.Type} argument, {Code.CancellationToken} cancellationToken)";
        if (handler.ReturnKind == ReturnKind.Void)
        {
            writer.OpenBlock(signature);
            writer.Line($"{Call(handler, OneWayArgumentShape.Read)};");
            writer.Line("return default;");
            writer.CloseBlock();
        }
        else
        {
            writer.Line(signature + " =>");
            using (writer.Indented())
            {
                writer.Line($"{Invocation(handler, OneWayArgumentShape.Read)};");
            }
        }

        string values = string.Join(", ", handler.Parameters.Select(OneWayArgumentShape.Read));
        writer.Line();
        writer.Line($"protected override Messages.{operation.Names.Record} MessageFrom({OneWayArgumentShape.Type} argument) =>");
        using (writer.Indented())
        {
            writer.Line($"new Messages.{operation.Names.Record}({values});");
        }
    }

    /// <summary>The call of the handler method with the message's properties (and the caller and the token, when it takes them).</summary>
    private static string Call(HandlerModel handler) => Call(handler, static parameter => "message." + parameter.PropertyName);

    /// <summary>As <see cref="Call(HandlerModel)"/>, each parameter's value read by <paramref name="value"/>.</summary>
    private static string Call(HandlerModel handler, Func<ParameterModel, string> value)
    {
        List<string> values = handler.Parameters.Select(parameter => Code.Static(parameter.Type, value(parameter))).ToList();
        if (handler.Caller is { } caller)
        {
            // A required caller is never null here: the runtime refuses a message without one before it is queued.
            values.Insert(caller.Position, caller.Required ? "caller!" : "caller");
        }

        string arguments = string.Join(", ", values);
        if (handler.TakesCancellationToken)
        {
            arguments = arguments.Length == 0 ? "cancellationToken" : arguments + ", cancellationToken";
        }

        return $"process.{Code.Identifier(handler.MethodName)}({arguments})";
    }

    /// <summary>The call adapted to <c>ValueTask&lt;TResult&gt;</c>, for every shape but <see cref="ReturnKind.Void"/>.</summary>
    private static string Invocation(HandlerModel handler) => Invocation(handler, static parameter => "message." + parameter.PropertyName);

    /// <summary>As <see cref="Invocation(HandlerModel)"/>, each parameter's value read by <paramref name="value"/>.</summary>
    private static string Invocation(HandlerModel handler, Func<ParameterModel, string> value)
    {
        string call = Call(handler, value);
        return handler.ReturnKind switch
        {
            ReturnKind.Value => $"new global::System.Threading.Tasks.ValueTask<{handler.ResultType}>({Code.Static(handler.ResultType, call)})",
            ReturnKind.Task => $"global::SessionGen.Infrastructure.HandlerResults.FromTask({call})",
            ReturnKind.TaskOfT => $"new global::System.Threading.Tasks.ValueTask<{handler.ResultType}>({call})",
            ReturnKind.ValueTask => $"global::SessionGen.Infrastructure.HandlerResults.FromValueTask({call})",
            _ => call,
        };
    }
}
