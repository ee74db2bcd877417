using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class RecordProcessTests
{
    [Fact]
    public Task Fires_on_a_record_process() =>
        Verify<RecordProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial record {|SGEN0004:Chat|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Fires_on_a_record_class_process() =>
        Verify<RecordProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial record class {|SGEN0004:Chat|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_class_process_that_takes_records() =>
        Verify<RecordProcessAnalyzer>.AnalyzerAsync("""
            public sealed record Topic(string Name);

            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(Topic topic) { }
            }
            """);
}
