using SessionGen.Analyzers.Callers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Callers;

public sealed class InvalidParticipantLeftHandlerTests
{
    [Fact]
    public Task Fires_on_each_shape_the_runtime_cannot_call() =>
        Verify<InvalidParticipantLeftHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnParticipantLeft]
                private void {|SGEN0042:NoParameter|}() { }

                [OnParticipantLeft]
                private void {|SGEN0042:TwoParameters|}(string participant, int count) { }

                [OnParticipantLeft]
                private void {|SGEN0042:NotAString|}(int participant) { }

                [OnParticipantLeft]
                private static void {|SGEN0042:Static|}(string participant) { }

                [OnParticipantLeft]
                private int {|SGEN0042:ReturnsAValue|}(string participant) => 0;

                [OnParticipantLeft]
                private async void {|SGEN0042:AsyncVoid|}(string participant) => await Task.Yield();
            }

            public class NotAProcess
            {
                [OnParticipantLeft]
                private void {|SGEN0042:Left|}(string participant) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_the_accepted_shapes() =>
        Verify<InvalidParticipantLeftHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnParticipantLeft]
                private Task Left(string participant) => Task.CompletedTask;
            }

            [SessionProcess]
            public partial class Hall
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnParticipantLeft]
                private async ValueTask Left(string participant) => await Task.Yield();
            }
            """);
}
