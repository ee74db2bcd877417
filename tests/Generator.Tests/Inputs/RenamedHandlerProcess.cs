namespace SessionGen.Generator.Tests.Inputs;

/// <summary>Handlers whose method names differ from their operation and timeout names.</summary>
internal static class RenamedHandlerProcess
{
    public const string HintName = "Sample.Renamed.SessionGen.g.cs";

    public const string Source = """
        using System;
        using SessionGen;

        namespace Sample;

        [SessionProcess]
        public partial class Renamed
        {
            [On("Begin", StartsSession = true)]
            private void HandleBegin(string topic) => ScheduleRemind(TimeSpan.FromSeconds(1), topic);

            [On("Ask")]
            private string AnswerQuestion(string question) => question.ToUpperInvariant();

            [OnTimeout("Remind")]
            private void SendReminder(string topic) => Emit(topic);
        }
        """;
}
