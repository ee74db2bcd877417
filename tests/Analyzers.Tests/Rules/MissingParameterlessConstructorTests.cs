using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class MissingParameterlessConstructorTests
{
    [Fact]
    public Task Fires_when_every_constructor_takes_parameters() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0007:Chat|}
            {
                private readonly string topic;

                public Chat(string topic) => this.topic = topic;

                [On("Open", StartsSession = true)]
                private void Open() => Emit(topic);
            }
            """);

    [Fact]
    public Task Fires_for_a_primary_constructor_with_parameters() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0007:Chat|}(string topic)
            {
                [On("Open", StartsSession = true)]
                private void Open() => Emit(topic);
            }
            """);

    [Fact]
    public Task Fires_when_the_only_constructor_has_optional_parameters_only() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0007:Chat|}
            {
                public Chat(string topic = "general") { }

                [On("Open", StartsSession = true)]
                private void Open() { }
            }
            """);

    [Fact]
    public Task Stays_silent_when_a_private_parameterless_constructor_sits_beside_others() =>
        Verify<MissingParameterlessConstructorAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                private readonly string topic;

                private Chat() : this("general") { }

                public Chat(string topic) => this.topic = topic;

                [On("Open", StartsSession = true)]
                private void Open() => Emit(topic);
            }
            """);
}
