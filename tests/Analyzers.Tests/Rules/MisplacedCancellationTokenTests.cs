using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class MisplacedCancellationTokenTests
{
    [Fact]
    public Task Fires_on_a_token_that_is_not_last() =>
        Verify<MisplacedCancellationTokenAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private Task Open({|SGEN0015:CancellationToken cancellationToken|}, string topic) => Task.CompletedTask;

                [OnTimeout("Idle")]
                private void Idle({|SGEN0015:CancellationToken first|}, {|SGEN0015:CancellationToken second|}, int ticks) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_token_in_last_place() =>
        Verify<MisplacedCancellationTokenAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private Task Open(string topic, CancellationToken cancellationToken) => Task.CompletedTask;

                [On("Post")]
                private void Post(CancellationTokenSource source, string text) { }
            }
            """);
}
