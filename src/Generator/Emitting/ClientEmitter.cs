using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// <c>P.Client</c>: a typed proxy with, per non-starter operation, <c>{Operation}Async</c> (awaits the handler)
/// and <c>Post{Operation}</c> (one way: queues the message and returns), each also with a <c>MessageId</c>
/// (a repeated id is handled once).
/// </summary>
internal static class ClientEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line($"/// <summary>A typed proxy of one <c>{Code.DocText(process.ProtocolName)}</c> session: each method sends one operation and completes when its handler has finished.</summary>");
        Code.MarkGenerated(writer);
        writer.OpenBlock($"{Code.Keyword(process.Accessibility)} sealed class Client : global::SessionGen.SessionClient");
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

            EmitOperation(writer, process, operation);
        }

        writer.CloseBlock();
    }

    private static void EmitOperation(SourceWriter writer, ProcessModel process, OperationModel operation)
    {
        HandlerModel handler = operation.Handler;
        string token = Code.FreeName("cancellationToken", handler.Parameters);
        string messageId = Code.FreeName("messageId", handler.Parameters);
        string parameters = Code.ParameterList(handler.Parameters);
        string leading = handler.Parameters.Count == 0 ? "" : parameters + ", ";
        string send = handler.ResultType is null ? "SendWithoutResultAsync" : "SendAsync";
        string entry = Code.OperationReference(process, operation);
        string message = Code.NewMessage(process, operation);

        writer.Line();
        writer.Line($"/// <summary>Sends <c>{operation.Name}</c> to this session and completes when its handler has finished.</summary>");
        writer.Line($"public {Code.ClientReturnType(handler)} {operation.Names.ClientMethod}({leading}{Code.CancellationToken} {token} = default) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.{send}(this, {message}, {token});");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Sends <c>{operation.Name}</c> to this session once per <paramref name=\"{messageId}\"/> and completes when its handler has finished.");
        writer.Line("/// A repeat within the host's deduplication window is not handled again: it gets the first message's outcome, waiting");
        writer.Line($"/// for it while it is pending (until <paramref name=\"{token}\"/> is cancelled). An id whose message was never handled is free again.");
        writer.Line("/// </summary>");
        writer.Line($"public {Code.ClientReturnType(handler)} {operation.Names.ClientMethod}({leading}{Code.MessageId} {messageId}, {Code.CancellationToken} {token} = default) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.{send}(this, {message}, {messageId}, {token});");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Queues <c>{operation.Name}</c> for this session and returns at once, without waiting for its handler{(handler.ResultType is null ? "" : " (its result is dropped)")}.");
        writer.Line("/// False when the message was not accepted: the session does not exist or has ended, the host is stopping, or its mailbox is full.");
        writer.Line("/// </summary>");
        writer.Line($"public bool {operation.Names.PostMethod}({parameters}) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.Post(this, {message});");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Queues <c>{operation.Name}</c> for this session once per <paramref name=\"{messageId}\"/> and returns at once, without waiting for its handler.");
        writer.Line("/// True also when a message with this id was already accepted within the host's deduplication window: it is not queued again.");
        writer.Line("/// False when the message was not accepted: the session does not exist or has ended, the host is stopping, or its mailbox is full.");
        writer.Line("/// </summary>");
        writer.Line($"public bool {operation.Names.PostMethod}({leading}{Code.MessageId} {messageId}) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.Post(this, {message}, {messageId});");
        }
    }
}
