using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Durability;

public sealed class TransientOutsideDurableProcessTests
{
    [Fact]
    public Task Fires_on_the_attribute_in_a_process_that_is_not_durable() =>
        Verify<TransientOutsideDurableProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [{|SGEN0032:Transient|}] private System.Diagnostics.Stopwatch? clock;
                [field: {|SGEN0032:Transient|}] public int Count { get; set; }

                [On("Open", StartsSession = true)]
                private void Open() => clock = System.Diagnostics.Stopwatch.StartNew();
            }
            """);

    [Fact]
    public Task Stays_silent_in_a_durable_process_and_outside_processes() =>
        Verify<TransientOutsideDurableProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess(Durable = true)]
            public partial class Chat
            {
                [Transient] private System.Diagnostics.Stopwatch? clock;

                [On("Open", StartsSession = true)]
                private void Open() => clock = System.Diagnostics.Stopwatch.StartNew();
            }

            public class Helper
            {
                [Transient] public int Ignored;
            }
            """);
}
