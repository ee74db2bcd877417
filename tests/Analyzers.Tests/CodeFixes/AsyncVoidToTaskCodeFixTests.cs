using SessionGen.Analyzers.CodeFixes.Fixes;
using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.CodeFixes;

public sealed class AsyncVoidToTaskCodeFixTests
{
    [Fact]
    public Task Returns_Task_from_every_async_void_handler() =>
        Verify<AsyncVoidHandlerAnalyzer>.CodeFixAsync<AsyncVoidToTaskCodeFixProvider>(
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async {|SGEN0013:void|} Open(string topic)
                {
                    await Task.Yield();
                    if (topic.Length == 0)
                    {
                        return;
                    }

                    Emit(topic);
                }

                [OnTimeout("Idle")]
                private async {|SGEN0013:void|} Idle() => await Task.Yield();
            }
            """,
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async Task Open(string topic)
                {
                    await Task.Yield();
                    if (topic.Length == 0)
                    {
                        return;
                    }

                    Emit(topic);
                }

                [OnTimeout("Idle")]
                private async Task Idle() => await Task.Yield();
            }
            """);

    [Fact]
    public Task Adds_the_using_for_Task_when_it_is_missing() =>
        Verify<AsyncVoidHandlerAnalyzer>.CodeFixAsync<AsyncVoidToTaskCodeFixProvider>(
            """
            using SessionGen;

            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async {|SGEN0013:void|} Open(string topic) => await System.Threading.Tasks.Task.Yield();
            }
            """,
            """
            using System.Threading.Tasks;
            using SessionGen;

            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async Task Open(string topic) => await System.Threading.Tasks.Task.Yield();
            }
            """,
            withUsings: false);
}
