using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>The static entry points: one <c>StartAsync</c> per starter, and <c>Connect</c>.</summary>
internal static class EntryPointsEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        bool omitStart = process.OmittedMembers.Contains("StartAsync");
        foreach (OperationModel starter in process.Operations.Where(operation => process.Starters.Contains(operation.Name)))
        {
            if (omitStart)
            {
                break;
            }

            HandlerModel handler = starter.Handler;
            string host = Code.FreeName("host", handler.Parameters);
            string token = Code.FreeName("cancellationToken", handler.Parameters);
            string id = Code.FreeName("id", handler.Parameters);
            string parameters = handler.Parameters.Count == 0
                ? $"{Code.ISessionHost} {host}, {Code.CancellationToken} {token} = default"
                : $"{Code.ISessionHost} {host}, {Code.ParameterList(handler.Parameters)}, {Code.CancellationToken} {token} = default";
            writer.Line($"/// <summary>Starts a new session with <c>{starter.Name}</c> and completes, with a client of it, once that handler has finished.</summary>");
            Code.MarkGenerated(writer);
            writer.OpenBlock($"{Code.Keyword(process.Accessibility)} static async global::System.Threading.Tasks.ValueTask<Client> StartAsync({parameters})");
            writer.Line($"{Code.SessionId} {id} = await {Code.OperationReference(process, starter)}.StartAsync({host}, {Code.NewMessage(process, starter)}, {token}).ConfigureAwait(false);");
            writer.Line($"return new {process.FullyQualifiedName}.Client({host}, {id});");
            writer.CloseBlock();
            writer.Line();
        }

        if (!process.OmittedMembers.Contains("Connect"))
        {
            writer.Line("/// <summary>A client of the existing session <paramref name=\"id\"/>; messages fail with <see cref=\"global::SessionGen.SessionNotFoundException\"/> if it does not exist.</summary>");
            Code.MarkGenerated(writer);
            writer.Line($"{Code.Keyword(process.Accessibility)} static Client Connect({Code.ISessionHost} host, {Code.SessionId} id) => new Client(host, id);");
            writer.Line();
            writer.Line("/// <summary>A client of the existing session <paramref name=\"id\"/> that speaks as <paramref name=\"caller\"/>: <c>Connect(host.As(caller), id)</c>.</summary>");
            Code.MarkGenerated(writer);
            writer.Line($"{Code.Keyword(process.Accessibility)} static Client Connect({Code.ISessionHost} host, {Code.SessionId} id, {Code.SessionCaller} caller) =>");
            using (writer.Indented())
            {
                writer.Line("new Client(global::SessionGen.SessionCallerExtensions.As(host, caller), id);");
            }
        }
    }
}
