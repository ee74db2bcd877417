namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// Handlers that take the caller (required, nullable, between the message's parameters, on a starter) and an
/// <c>[OnParticipantLeft]</c> handler, in a project that references SessionGen.AspNetCore: the caller is in no
/// message record, client method or JSON reader.
/// </summary>
internal static class CallerProcess
{
    public const string HintName = "Sample.Room.SessionGen.g.cs";

    public const string HttpHintName = "Sample.Room.SessionGen.Http.g.cs";

    public const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        [SessionProcess]
        public partial class Room
        {
            private readonly HashSet<string> members = new();

            [On("Open", StartsSession = true)]
            private void Open(SessionCaller owner, string topic) => members.Add(owner.Id);

            [On("Say")]
            private void Say(string text, SessionCaller speaker, int times) => Emit(speaker.Id + ": " + text);

            [On("Peek")]
            private async Task<int> Peek(SessionCaller? caller)
            {
                await Task.Yield();
                return caller is null ? 0 : members.Count;
            }

            [OnParticipantLeft]
            private void Left(string participant)
            {
                members.Remove(participant);
                if (members.Count == 0) EndSession();
            }
        }
        """;
}
