using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// <c>P.Client</c>: a typed proxy with, per non-starter operation, <c>{Operation}Async</c> (awaits the handler)
/// and <c>Post{Operation}</c> (one way: queues the message and returns).
/// </summary>
internal static class ClientEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line($"/// <summary>A typed proxy of one <c>{Code.DocText(process.ProtocolName)}</c> session: each method sends one operation and completes when its handler has finished.</summary>");
        writer.Line(Code.GeneratedCode);
        writer.OpenBlock($"{process.Accessibility} sealed class Client : global::SessionGen.SessionClient");
        writer.Line("internal Client(global::SessionGen.SessionHost host, global::SessionGen.SessionId id)");
        using (writer.Indented())
        {
            writer.Line(": base(host, id)");
        }

        writer.Line("{");
        writer.Line("}");
        foreach (OperationModel operation in process.Operations)
        {
            if (operation.StartsSession)
            {
                continue; // starters are reached through StartAsync
            }

            HandlerModel handler = operation.Handler;
            string token = Code.FreeName("cancellationToken", handler.Parameters);
            string parameters = handler.Parameters.Count == 0
                ? $"{Code.CancellationToken} {token} = default"
                : $"{Code.ParameterList(handler.Parameters)}, {Code.CancellationToken} {token} = default";
            string send = handler.ResultType is null ? "SendWithoutResultAsync" : "SendAsync";
            writer.Line();
            writer.Line($"/// <summary>Sends <c>{operation.Name}</c> to this session and completes when its handler has finished.</summary>");
            writer.Line($"public {Code.ClientReturnType(handler)} {Names.ClientMethod(operation)}({parameters}) =>");
            using (writer.Indented())
            {
                writer.Line($"{Names.OperationEntry(process, operation)}.{send}(this, {Names.NewMessage(process, operation)}, {token});");
            }

            writer.Line();
            writer.Line($"/// <summary>");
            writer.Line($"/// Queues <c>{operation.Name}</c> for this session and returns at once, without waiting for its handler{(handler.ResultType is null ? "" : " (its result is dropped)")}.");
            writer.Line("/// False when the message was not accepted: the session does not exist or has ended, the host is stopping, or its mailbox is full.");
            writer.Line($"/// </summary>");
            writer.Line($"public bool {Names.ClientPostMethod(operation)}({Code.ParameterList(handler.Parameters)}) =>");
            using (writer.Indented())
            {
                writer.Line($"{Names.OperationEntry(process, operation)}.Post(this, {Names.NewMessage(process, operation)});");
            }
        }

        writer.CloseBlock();
    }
}
