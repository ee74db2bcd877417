using SessionGen.Analyzers.CodeFixes.Fixes;
using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.CodeFixes;

public sealed class MoveCancellationTokenLastCodeFixTests
{
    [Fact]
    public Task Moves_the_token_last_in_every_handler_and_in_positional_calls() =>
        Verify<MisplacedCancellationTokenAnalyzer>.CodeFixAsync<MoveCancellationTokenLastCodeFixProvider>(
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private Task Open({|SGEN0015:CancellationToken cancellationToken|}, string topic, int priority) => Task.CompletedTask;

                [On("Post")]
                private Task Post(string text, {|SGEN0015:CancellationToken cancellationToken|}, int times) =>
                    Open(cancellationToken, text, times);

                [OnTimeout("Idle")]
                private Task Idle({|SGEN0015:CancellationToken cancellationToken|}, int ticks) =>
                    Post("idle", cancellationToken, ticks);
            }
            """,
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private Task Open(string topic, int priority, CancellationToken cancellationToken) => Task.CompletedTask;

                [On("Post")]
                private Task Post(string text, int times, CancellationToken cancellationToken) =>
                    Open(text, times, cancellationToken);

                [OnTimeout("Idle")]
                private Task Idle(int ticks, CancellationToken cancellationToken) =>
                    Post("idle", ticks, cancellationToken);
            }
            """);

    [Fact]
    public Task Offers_no_fix_when_two_tokens_are_misplaced() =>
        Verify<MisplacedCancellationTokenAnalyzer>.CodeFixAsync<MoveCancellationTokenLastCodeFixProvider>(
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open({|SGEN0015:CancellationToken first|}, {|SGEN0015:CancellationToken second|}, string topic) { }
            }
            """,
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open({|SGEN0015:CancellationToken first|}, {|SGEN0015:CancellationToken second|}, string topic) { }
            }
            """);
}
