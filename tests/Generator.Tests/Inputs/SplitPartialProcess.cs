namespace SessionGen.Generator.Tests.Inputs;

/// <summary>One process declared in three partial parts, in two files, with handlers in different parts.</summary>
internal static class SplitPartialProcess
{
    public const string HintName = "Sample.Split.SessionGen.g.cs";

    public const string AttributedPart = """
        using SessionGen;

        namespace Sample;

        [SessionProcess]
        public partial class Split
        {
            private string state = "";

            [On("Open", StartsSession = true)]
            private void Open(string state) => this.state = state;
        }
        """;

    public const string OtherParts = """
        using System;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        public partial class Split
        {
            [On("Read")]
            private string Read() => state;
        }

        partial class Split
        {
            [On("Close")]
            private Task Close()
            {
                EndSession();
                return Task.CompletedTask;
            }

            [OnTimeout("Expire")]
            private void Expire() => EndSession();

            private void KeepAlive() => ScheduleExpire(TimeSpan.FromMinutes(1));
        }
        """;
}
