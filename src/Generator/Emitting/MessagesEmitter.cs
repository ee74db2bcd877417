using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// <c>P.Messages</c>: one sealed record per operation whose properties are the handler's parameters.
/// Each names its operation, which is how an untyped send finds the handler without reflection.
/// </summary>
internal static class MessagesEmitter
{
    public static void Emit(SourceWriter writer, ProcessModel process)
    {
        writer.Line($"/// <summary>The messages of the <c>{Code.DocText(process.ProtocolName)}</c> process, one record per operation.</summary>");
        Code.MarkGenerated(writer);
        writer.OpenBlock($"{Code.Keyword(process.Accessibility)} static class Messages");
        bool first = true;
        foreach (OperationModel operation in process.Operations)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            string recordName = operation.Names.Record;
            string properties = string.Join(", ", operation.Handler.Parameters.Select(static parameter => $"{parameter.Type} {parameter.PropertyName}"));
            writer.Line($"/// <summary>The message of operation <c>{operation.Name}</c>{(operation.StartsSession ? ", which starts a session" : "")}.</summary>");
            Code.MarkGenerated(writer);
            writer.OpenBlock($"public sealed record {recordName}({properties}) : global::SessionGen.Infrastructure.ISessionMessage");
            writer.Line($"global::SessionGen.Infrastructure.SessionOperation global::SessionGen.Infrastructure.ISessionMessage.Operation => {process.FullyQualifiedName}.SessionDefinition.{operation.Names.Field};");
            writer.CloseBlock();
        }

        writer.CloseBlock();
    }
}
