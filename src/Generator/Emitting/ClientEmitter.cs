using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// <c>P.Client</c>: a typed proxy with, per non-starter operation, <c>{Operation}Async</c> (awaits the handler)
/// and <c>Post{Operation}</c> (one way: queues the message and returns; in a durable process
/// <c>Post{Operation}Async</c>, which completes once the turn is stored), each also with a <c>MessageId</c>
/// (a repeated id is handled once).
/// </summary>
internal static class ClientEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line($"/// <summary>A typed proxy of one <c>{Code.DocText(process.ProtocolName)}</c> session: each method sends one operation and completes when its handler has finished.</summary>");
        Code.MarkGenerated(writer);
        writer.OpenBlock($"{Code.Keyword(process.Accessibility)} sealed class Client : global::SessionGen.SessionClient");
        writer.Line($"internal Client({Code.ISessionHost} host, {Code.SessionId} id)");
        using (writer.Indented())
        {
            writer.Line($": base(host, id, {Code.Literal(process.ProtocolName)})");
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
        // One line per overload (issue 16: the long form, repeated for every operation, was a tenth of the output);
        // what a repeated id does in full is on MessageId, which the summary links.
        writer.Line($"/// <summary>Sends <c>{operation.Name}</c> once per <paramref name=\"{messageId}\"/> (a repeat gets the first one's outcome: <see cref=\"{Code.MessageId}\"/>) and completes when its handler has finished.</summary>");
        writer.Line($"public {Code.ClientReturnType(handler)} {operation.Names.ClientMethod}({leading}{Code.MessageId} {messageId}, {Code.CancellationToken} {token} = default) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.{send}(this, {message}, {messageId}, {token});");
        }

        if (process.Durable is null)
        {
            // A message that fits the queue's slot travels as its argument: the post makes no record.
            string posted = OneWayArgumentShape.Applies(operation) ? OneWayArgumentShape.FromArguments(operation) : message;
            EmitPost(writer, operation, parameters, leading, messageId, entry, message, posted);
        }
        else
        {
            EmitStoredPost(writer, operation, leading, token, messageId, entry, message);
        }
    }

    private static void EmitPost(SourceWriter writer, OperationModel operation, string parameters, string leading, string messageId, string entry, string message, string posted)
    {
        writer.Line();
        writer.Line($"/// <summary>Queues <c>{operation.Name}</c> and returns at once{(operation.Handler.ResultType is null ? "" : " (its result is dropped)")}; false if not accepted (the session missing or ended, the host stopping, its mailbox full).</summary>");
        writer.Line($"public bool {operation.Names.PostMethod}({parameters}) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.Post(this, {posted});");
        }

        writer.Line();
        writer.Line($"/// <summary>Queues <c>{operation.Name}</c> once per <paramref name=\"{messageId}\"/> and returns at once; true also if the id was already accepted (not queued again), false if not accepted.</summary>");
        writer.Line($"public bool {operation.Names.PostMethod}({leading}{Code.MessageId} {messageId}) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.Post(this, {message}, {messageId});");
        }
    }

    /// <summary>
    /// A durable process's one-way form completes only once the message's turn is stored: a <c>true</c> that came
    /// before the commit could be lost with the process, so there is no synchronous <c>Post{Operation}</c>.
    /// </summary>
    private static void EmitStoredPost(SourceWriter writer, OperationModel operation, string leading, string token, string messageId, string entry, string message)
    {
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Sends <c>{operation.Name}</c> to this session without taking its handler's outcome{(operation.Handler.ResultType is null ? "" : " (its result is dropped)")}: true once the turn that");
        writer.Line("/// handled it is stored (a handler that threw counts: the fault policy's outcome is what was stored). False when it was not");
        writer.Line("/// handled and will not be: the session does not exist or has ended, the host is stopping, or its mailbox is full.");
        writer.Line("/// A store that fails to write the turn throws <see cref=\"global::SessionGen.SessionStateException\"/> (the turn was not applied).");
        writer.Line("/// </summary>");
        writer.Line($"public global::System.Threading.Tasks.ValueTask<bool> {operation.Names.PostMethod}({leading}{Code.CancellationToken} {token} = default) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.PostAsync(this, {message}, {token});");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Sends <c>{operation.Name}</c> to this session once per <paramref name=\"{messageId}\"/> without taking its handler's outcome: true once the turn");
        writer.Line("/// that handled it is stored, also when a message with this id was already handled within the host's deduplication window");
        writer.Line("/// (it is not handled again). False when it was not handled and will not be.");
        writer.Line("/// </summary>");
        writer.Line($"public global::System.Threading.Tasks.ValueTask<bool> {operation.Names.PostMethod}({leading}{Code.MessageId} {messageId}, {Code.CancellationToken} {token} = default) =>");
        using (writer.Indented())
        {
            writer.Line($"{entry}.PostAsync(this, {message}, {messageId}, {token});");
        }
    }
}
