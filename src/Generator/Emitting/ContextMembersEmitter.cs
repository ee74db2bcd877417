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
        writer.Line("private global::SessionGen.SessionContext sessionContext = null!;");
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
            HandlerModel handler = timeout.Handler;
            string delay = Code.FreeName("delay", handler.Parameters);
            string parameters = handler.Parameters.Count == 0
                ? $"global::System.TimeSpan {delay}"
                : $"global::System.TimeSpan {delay}, {Code.ParameterList(handler.Parameters)}";
            writer.Line();
            writer.Line($"/// <summary>Runs <c>{handler.MethodName}</c> (timeout <c>{timeout.Name}</c>) on this session's turn once <paramref name=\"{delay}\"/> has passed.</summary>");
            writer.Line(Code.GeneratedCode);
            writer.Line($"private global::SessionGen.TimeoutHandle Schedule{timeout.Name}({parameters}) =>");
            using (writer.Indented())
            {
                // this.: a parameter may be named sessionContext
                writer.Line(process.Protocol is null
                    ? $"this.sessionContext.After({delay}, {Callback(handler)});"
                    : $"this.sessionContext.Schedule({delay}, {Callback(handler)}, SessionDefinition.{timeout.Name}Timeout);");
            }
        }

        ProtocolMembersEmitter.Emit(writer, process);
    }

    /// <summary>Writes one generated member, unless the user already declares a member of that name.</summary>
    internal static void Member(SourceWriter writer, ProcessModel process, string name, string documentation, string declaration)
    {
        if (process.OmittedMembers.Contains(name))
        {
            return;
        }

        writer.Line();
        writer.Line(documentation);
        writer.Line(Code.GeneratedCode);
        writer.Line(declaration);
    }

    private static string Callback(HandlerModel handler)
    {
        string arguments = Code.ArgumentList(handler.Parameters);
        if (handler.TakesCancellationToken)
        {
            arguments = arguments.Length == 0 ? $"{Code.CancellationToken}.None" : $"{arguments}, {Code.CancellationToken}.None";
        }

        string call = $"{Code.Identifier(handler.MethodName)}({arguments})";
        return handler.ReturnKind switch
        {
            ReturnKind.Void or ReturnKind.Value => $"() => {{ {call}; }}",
            ReturnKind.Task or ReturnKind.TaskOfT => $"() => new global::System.Threading.Tasks.ValueTask({call})",
            ReturnKind.ValueTask => $"() => {call}",
            _ => $"() => new global::System.Threading.Tasks.ValueTask({call}.AsTask())",
        };
    }
}
