using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class HandlerMustBeOrdinaryMethodTests
{
    [Fact]
    public Task Fires_on_a_property_accessor() =>
        Verify<HandlerMustBeOrdinaryMethodAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                public string Topic { [{|SGEN0010:On("Topic")|}] get => ""; }
            }
            """);

    [Fact]
    public Task Fires_on_a_local_function_and_a_lambda() =>
        Verify<HandlerMustBeOrdinaryMethodAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic)
                {
                    [{|SGEN0010:On("Inner")|}]
                    void Inner() { }

                    Action later = [{|SGEN0010:OnTimeout("Later")|}] () => { };
                    Inner();
                    later();
                }
            }
            """);

    [Fact]
    public Task Fires_on_an_operator() =>
        Verify<HandlerMustBeOrdinaryMethodAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [{|SGEN0010:On("Add")|}]
                public static Chat operator +(Chat left, Chat right) => left;
            }
            """);

    [Fact]
    public Task Stays_silent_for_ordinary_methods_beside_plain_accessors_and_lambdas() =>
        Verify<HandlerMustBeOrdinaryMethodAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                public string Topic { get; private set; } = "";

                [On("Open", StartsSession = true)]
                private void Open(string topic)
                {
                    Action later = () => Topic = topic;
                    later();
                }

                [OnTimeout("Idle")]
                private void Idle() { }
            }
            """);
}
