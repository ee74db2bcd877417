using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class GenericContainingTypeTests
{
    [Fact]
    public Task Fires_on_a_process_nested_in_a_generic_type() =>
        Verify<GenericContainingTypeAnalyzer>.AnalyzerAsync("""
            public partial class Registry<TKey>
            {
                [SessionProcess]
                public partial class {|SGEN0006:Chat|}
                {
                    [On("Open", StartsSession = true)]
                    private void Open(string topic) { }
                }
            }
            """);

    [Fact]
    public Task Stays_silent_in_a_non_generic_type_with_generic_members() =>
        Verify<GenericContainingTypeAnalyzer>.AnalyzerAsync("""
            public partial class Registry
            {
                public static T Echo<T>(T value) => value;

                [SessionProcess]
                public partial class Chat
                {
                    [On("Open", StartsSession = true)]
                    private void Open(string topic) => Emit(Echo(topic));
                }
            }
            """);
}
