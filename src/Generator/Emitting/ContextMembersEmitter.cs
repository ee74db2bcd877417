using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// The members handlers call: <c>SessionId</c>, <c>Emit</c>, <c>EmitTo</c>, <c>EndSession</c>, <c>After</c>
/// and one <c>Schedule{Name}</c> per timeout handler. Each forwards to the session's context.
/// </summary>
internal static class ContextMembersEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line("/// <summary>The session this instance runs in, set by <c>SessionDefinition.CreateProcess</c>.</summary>");
        writer.Line(Code.GeneratedCode);
        writer.Line(Code.NeverBrowsable);
        writer.Line("private global::SessionGen.Infrastructure.SessionContext sessionContext = null!;");
        Member(writer, process, "SessionId",
            "/// <summary>This session's id.</summary>",
            $"public {Code.SessionId} SessionId => sessionContext.Id;");
        Member(writer, process, "Emit",
            "/// <summary>Publishes <paramref name=\"event\"/> to every subscriber of this session, in order.</summary>",
            "private void Emit(object @event) => sessionContext.Emit(@event);");
        Member(writer, process, "EmitTo",
            "/// <summary>Publishes <paramref name=\"event\"/> only to the subscriptions opened for <paramref name=\"participant\"/>.</summary>",
            "private void EmitTo(string participant, object @event) => sessionContext.EmitTo(participant, @event);");
        Member(writer, process, "EndSession",
            "/// <summary>Ends this session after the current handler: pending timeouts are cancelled and subscriptions complete.</summary>",
            "private void EndSession() => sessionContext.EndSession();");
        Member(writer, process, "After",
            "/// <summary>Runs <paramref name=\"callback\"/> on this session's turn once <paramref name=\"delay\"/> has passed.</summary>",
            "private global::SessionGen.TimeoutHandle After(global::System.TimeSpan delay, global::System.Action callback) => sessionContext.After(delay, callback);");

        foreach (TimeoutModel timeout in process.Timeouts)
        {
            EmitTimeout(writer, process, timeout);
        }

        ProtocolMembersEmitter.Emit(writer, process);
    }

    /// <summary>
    /// Writes one generated method or property (its declaration may take several lines), unless the user already
    /// declares a member of that name.
    /// </summary>
    internal static void Member(SourceWriter writer, ProcessModel process, string name, string documentation, params string[] declaration)
    {
        if (process.OmittedMembers.Contains(name))
        {
            return;
        }

        writer.Line();
        writer.Line(documentation);
        Code.MarkGenerated(writer);
        foreach (string line in declaration)
        {
            writer.Line(line);
        }
    }

    /// <summary>
    /// <c>Schedule{Name}</c> and the struct it schedules: the handler's arguments as fields and the call of the
    /// handler, so the runtime keeps them inline in the timer entry (no closure, no delegate per timeout).
    /// </summary>
    private static void EmitTimeout(SourceWriter writer, ProcessModel process, TimeoutModel timeout)
    {
        HandlerModel handler = timeout.Handler;
        string delay = Code.FreeName("delay", handler.Parameters);
        string parameters = handler.Parameters.Count == 0
            ? $"global::System.TimeSpan {delay}"
            : $"global::System.TimeSpan {delay}, {Code.ParameterList(handler.Parameters)}";
        string call = timeout.Names.CallType;
        string callInterface = $"global::SessionGen.Infrastructure.ITimeoutCall<{process.FullyQualifiedName}>";

        writer.Line();
        writer.Line($"/// <summary>Runs <c>{handler.MethodName}</c> (timeout <c>{timeout.Name}</c>) on this session's turn once <paramref name=\"{delay}\"/> has passed.</summary>");
        Code.MarkGenerated(writer);
        writer.Line($"private global::SessionGen.TimeoutHandle {timeout.Names.ScheduleMethod}({parameters}) =>");
        using (writer.Indented())
        {
            // this.: a parameter may be named sessionContext
            writer.Line($"this.sessionContext.Schedule<{process.FullyQualifiedName}, {call}>({delay}, new {call}({Code.ArgumentList(handler.Parameters)}));");
        }

        // A field may not be named like the struct; every other name is the parameter's own.
        string[] fields = handler.Parameters
            .Select(parameter => parameter.Name == call ? Code.FreeName(call + "Value", handler.Parameters) : parameter.Name)
            .ToArray();

        writer.Line();
        writer.Line($"/// <summary>A pending <c>{timeout.Name}</c> timeout as the runtime holds it: the call of <c>{handler.MethodName}</c> and its arguments.</summary>");
        Code.MarkGenerated(writer);
        writer.OpenBlock($"private readonly struct {call} : {DurableStateEmitter.TimeoutCallInterface(process, callInterface)}");
        if (fields.Length > 0)
        {
            for (int i = 0; i < fields.Length; i++)
            {
                writer.Line($"private readonly {handler.Parameters[i].Type} {Code.Identifier(fields[i])};");
            }

            writer.Line();
            writer.OpenBlock($"public {call}({Code.ParameterList(handler.Parameters)})");
            for (int i = 0; i < fields.Length; i++)
            {
                writer.Line($"this.{Code.Identifier(fields[i])} = {Code.Identifier(handler.Parameters[i].Name)};");
            }

            writer.CloseBlock();
            writer.Line();
        }

        string spec = process.Protocol is null ? "null" : $"{process.FullyQualifiedName}.SessionDefinition.{timeout.Names.SpecField}";
        writer.Line($"global::SessionGen.Infrastructure.TimeoutSpec? {callInterface}.Spec => {spec};");
        writer.Line();
        string run = $"global::System.Threading.Tasks.ValueTask {callInterface}.Run({process.FullyQualifiedName} process)";
        string invocation = Invocation(handler, fields);
        if (handler.ReturnKind is ReturnKind.Void or ReturnKind.Value)
        {
            writer.OpenBlock(run);
            writer.Line($"{invocation};");
            writer.Line("return default;");
            writer.CloseBlock();
        }
        else
        {
            writer.Line($"{run} =>");
            using (writer.Indented())
            {
                writer.Line(handler.ReturnKind switch
                {
                    ReturnKind.Task or ReturnKind.TaskOfT => $"new global::System.Threading.Tasks.ValueTask({invocation});",
                    ReturnKind.ValueTask => $"{invocation};",
                    _ => $"new global::System.Threading.Tasks.ValueTask({invocation}.AsTask());",
                });
            }
        }

        DurableStateEmitter.EmitTimeoutCallMembers(writer, process, timeout, fields);
        writer.CloseBlock();
    }

    /// <summary><c>process.Handler(this.a, this.b)</c>, with <c>CancellationToken.None</c> when the handler takes a token.</summary>
    private static string Invocation(HandlerModel handler, string[] fields)
    {
        string arguments = string.Join(", ", fields.Select((field, i) => Code.Static(handler.Parameters[i].Type, "this." + Code.Identifier(field))));
        if (handler.TakesCancellationToken)
        {
            arguments = arguments.Length == 0 ? $"{Code.CancellationToken}.None" : $"{arguments}, {Code.CancellationToken}.None";
        }

        return $"process.{Code.Identifier(handler.MethodName)}({arguments})";
    }
}
