namespace SessionGen.Generator.Tests.Inputs;

/// <summary>The seed document's SessionManager, as API.md writes it.</summary>
internal static class SeedSessionManager
{
    public const string HintName = "Sample.SessionManager.SessionGen.g.cs";

    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        public sealed record ParticipantJoined(string Name);
        public sealed record ParticipantLeft(string Name);
        public sealed record SessionError(string Reason, string Name);
        public sealed record Message(string To, string Text);
        public enum JoinResult { Joined, AlreadyPresent }

        [SessionProcess]
        public partial class SessionManager
        {
            private readonly HashSet<string> participants = new();
            private string name = "";

            [On("Initialize", StartsSession = true)]
            private void Initialize(string name, string[] participants)
            {
                this.name = name;
                this.participants.UnionWith(participants);
            }

            [On("Join")]
            private JoinResult Join(string name)
            {
                if (!participants.Add(name))
                {
                    Emit(new SessionError("participant already present", name));
                    return JoinResult.AlreadyPresent;
                }
                Emit(new ParticipantJoined(name));
                ScheduleGreet(TimeSpan.FromMilliseconds(500), name);
                return JoinResult.Joined;
            }

            [On("Leave")]
            private async Task Leave(string name)
            {
                if (!participants.Remove(name)) { Emit(new SessionError("participant not found", name)); return; }
                Emit(new ParticipantLeft(name));
                if (participants.Count == 0) EndSession();
                await Task.CompletedTask;
            }

            [OnTimeout("Greet")]
            private void Greet(string name) => EmitTo(name, new Message(name, $"welcome to {this.name}"));
        }
        """;
}
