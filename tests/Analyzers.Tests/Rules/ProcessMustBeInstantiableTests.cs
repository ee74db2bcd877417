using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class ProcessMustBeInstantiableTests
{
    [Fact]
    public Task Fires_on_a_static_process() =>
        Verify<ProcessMustBeInstantiableAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public static partial class {|SGEN0002:Chat|}
            {
                [On("Open", StartsSession = true)]
                private static void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Fires_on_an_abstract_process() =>
        Verify<ProcessMustBeInstantiableAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public abstract partial class {|SGEN0002:Chat|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_sealed_process_deriving_from_an_abstract_class() =>
        Verify<ProcessMustBeInstantiableAnalyzer>.AnalyzerAsync("""
            public abstract class ChatBase
            {
                protected string Topic = "";
            }

            [SessionProcess]
            public sealed partial class Chat : ChatBase
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => Topic = topic;
            }
            """);
}
