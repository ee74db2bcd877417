using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class FileLocalProcessTests
{
    [Fact]
    public Task Fires_on_a_file_local_process() =>
        Verify<FileLocalProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            file partial class {|SGEN0024:Chat|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Fires_on_a_process_nested_in_a_file_local_type() =>
        Verify<FileLocalProcessAnalyzer>.AnalyzerAsync("""
            file static partial class Processes
            {
                [SessionProcess]
                public partial class {|SGEN0024:Chat|}
                {
                    [On("Open", StartsSession = true)]
                    private void Open(string topic) { }
                }
            }
            """);

    [Fact]
    public Task Stays_silent_for_an_internal_process_beside_a_file_local_helper() =>
        Verify<FileLocalProcessAnalyzer>.AnalyzerAsync("""
            file static class Topics
            {
                public static string Normalize(string topic) => topic.Trim();
            }

            [SessionProcess]
            internal partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => Emit(Topics.Normalize(topic));
            }
            """);
}
