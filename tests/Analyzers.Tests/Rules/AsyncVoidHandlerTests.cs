using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class AsyncVoidHandlerTests
{
    [Fact]
    public Task Fires_on_void_of_async_void_handlers_and_timeout_handlers() =>
        Verify<AsyncVoidHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async {|SGEN0013:void|} Open(string topic) => await Task.Yield();

                [OnTimeout("Idle")]
                private async {|SGEN0013:void|} Idle() => await Task.Yield();
            }
            """);

    [Fact]
    public Task Stays_silent_for_async_Task_and_synchronous_void() =>
        Verify<AsyncVoidHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async Task Open(string topic) => await Task.Yield();

                [OnTimeout("Idle")]
                private void Idle() { }

                private async void FireAndForget() => await Task.Yield();
            }
            """);
}
