using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class GenericHandlerTests
{
    [Fact]
    public Task Fires_on_the_type_parameters_of_a_handler() =>
        Verify<GenericHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("Post")]
                private void Post{|SGEN0012:<TMessage>|}(TMessage message) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_constructed_generic_parameter_types() =>
        Verify<GenericHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(List<string> participants) { }

                [On("Post")]
                private Task<Dictionary<string, int>> Post(IReadOnlyList<string> lines) => Task.FromResult(new Dictionary<string, int>());
            }
            """);
}
