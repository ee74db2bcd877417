using SessionGen.Analyzers.Callers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Callers;

public sealed class DuplicateParticipantLeftHandlerTests
{
    [Fact]
    public Task Fires_on_every_presence_handler_after_the_first() =>
        Verify<DuplicateParticipantLeftHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnParticipantLeft]
                private void Left(string participant) { }

                [OnParticipantLeft]
                private void {|SGEN0043:Gone|}(string participant) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_one_handler_per_process() =>
        Verify<DuplicateParticipantLeftHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnParticipantLeft]
                private void Left(string participant) { }
            }

            [SessionProcess]
            public partial class Hall
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnParticipantLeft]
                private void Left(string participant) { }
            }
            """);
}
