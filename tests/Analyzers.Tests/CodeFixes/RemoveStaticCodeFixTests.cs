using SessionGen.Analyzers.CodeFixes.Fixes;
using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.CodeFixes;

public sealed class RemoveStaticCodeFixTests
{
    [Fact]
    public Task Removes_static_from_every_handler_and_keeps_the_other_modifiers() =>
        Verify<StaticHandlerAnalyzer>.CodeFixAsync<RemoveStaticCodeFixProvider>(
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private {|SGEN0011:static|} void Open(string topic) { }

                [On("Post")]
                {|SGEN0011:static|} async Task Post(string text) => await Task.Yield();

                [OnTimeout("Idle")]
                internal {|SGEN0011:static|} void Idle() { }

                private static string Normalize(string text) => text.Trim();
            }
            """,
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("Post")]
                async Task Post(string text) => await Task.Yield();

                [OnTimeout("Idle")]
                internal void Idle() { }

                private static string Normalize(string text) => text.Trim();
            }
            """);

    [Fact]
    public Task Keeps_the_indentation_when_static_is_the_only_modifier() =>
        Verify<StaticHandlerAnalyzer>.CodeFixAsync<RemoveStaticCodeFixProvider>(
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                {|SGEN0011:static|} void Open(string topic) { }
            }
            """,
            """
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                void Open(string topic) { }
            }
            """);
}
