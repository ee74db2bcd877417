using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class ProcessMustBePartialTests
{
    [Fact]
    public Task Fires_on_the_name_of_a_process_that_is_not_partial() =>
        Verify<ProcessMustBePartialAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public class {|SGEN0001:Chat|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Fires_on_each_declaration_that_lacks_partial() =>
        Verify<ProcessMustBePartialAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }

            public class {|CS0260:{|SGEN0001:Chat|}|}
            {
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_partial_process() =>
        Verify<ProcessMustBePartialAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_class_that_is_not_a_process() =>
        Verify<ProcessMustBePartialAnalyzer>.AnalyzerAsync("""
            public class Chat
            {
                private void Open(string topic) { }
            }
            """);
}
