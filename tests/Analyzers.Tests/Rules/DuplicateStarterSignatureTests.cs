using SessionGen.Analyzers.Names;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class DuplicateStarterSignatureTests
{
    [Fact]
    public Task Fires_on_a_later_starter_with_the_same_parameter_types() =>
        Verify<DuplicateStarterSignatureAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("Reopen", StartsSession = true)]
                private Task {|SGEN0020:Reopen|}(string previousTopic, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Fires_when_types_differ_only_in_nullability() =>
        Verify<DuplicateStarterSignatureAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic, int priority) { }

                [On("OpenMaybe", StartsSession = true)]
                private void {|SGEN0020:OpenMaybe|}(string? topic, int? priority) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_different_types_and_for_a_non_starter_with_the_same_types() =>
        Verify<DuplicateStarterSignatureAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("OpenWithPriority", StartsSession = true)]
                private void OpenWithPriority(string topic, int priority) { }

                [On("Rename")]
                private void Rename(string topic) { }
            }
            """);
}
