using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class MissingParameterlessConstructorTests
{
    [Fact]
    public Task Fires_when_every_constructor_takes_a_by_ref_parameter() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0007:Chat|}
            {
                private readonly int seed;

                public Chat(ref int seed) => this.seed = seed;

                [On("Open", StartsSession = true)]
                private void Open() => Emit(seed);
            }
            """);

    [Fact]
    public Task Fires_when_the_only_constructor_takes_params() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0007:Chat|}
            {
                public Chat(params string[] topics) { }

                [On("Open", StartsSession = true)]
                private void Open() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_constructor_whose_parameters_come_from_services() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat(TimeProvider clock)
            {
                [On("Open", StartsSession = true)]
                private void Open() => Emit(clock.GetUtcNow());
            }
            """);

    [Fact]
    public Task Stays_silent_when_a_private_parameterless_constructor_sits_beside_others() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                private readonly string topic;

                private Chat() => topic = "general";

                public Chat(ref string topic) => this.topic = topic;

                [On("Open", StartsSession = true)]
                private void Open() => Emit(topic);
            }
            """);
}
