using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class ContainingTypeMustBePartialTests
{
    [Fact]
    public Task Fires_on_the_containing_type_that_is_not_partial() =>
        Verify<ContainingTypeMustBePartialAnalyzer>.AnalyzerAsync("""
            public static class {|SGEN0005:Processes|}
            {
                [SessionProcess]
                public partial class Chat
                {
                    [On("Open", StartsSession = true)]
                    private void Open(string topic) { }
                }
            }
            """);

    [Fact]
    public Task Fires_on_every_level_that_is_not_partial() =>
        Verify<ContainingTypeMustBePartialAnalyzer>.AnalyzerAsync("""
            public class {|SGEN0005:Outer|}
            {
                public partial struct Middle
                {
                    public class {|SGEN0005:Inner|}
                    {
                        [SessionProcess]
                        public partial class Chat
                        {
                            [On("Open", StartsSession = true)]
                            private void Open(string topic) { }
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Stays_silent_when_every_containing_type_is_partial() =>
        Verify<ContainingTypeMustBePartialAnalyzer>.AnalyzerAsync("""
            public static partial class Processes
            {
                [SessionProcess]
                public partial class Chat
                {
                    [On("Open", StartsSession = true)]
                    private void Open(string topic) => Emit(topic);
                }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_non_partial_type_containing_an_ordinary_class() =>
        Verify<ContainingTypeMustBePartialAnalyzer>.AnalyzerAsync("""
            public static class Helpers
            {
                public partial class Chat
                {
                    private void Open(string topic) { }
                }
            }
            """);
}
