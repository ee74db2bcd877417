using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Durability;

public sealed class UnstoredBaseClassFieldTests
{
    [Fact]
    public Task Fires_for_each_instance_field_and_auto_property_of_a_base_class_of_a_durable_process() =>
        Verify<UnstoredBaseClassFieldAnalyzer>.AnalyzerAsync("""
            public abstract class Room
            {
                private int visits;
                protected string topic = "";
                public int Capacity { get; set; }
                protected int Visits => visits;
            }

            [SessionProcess(Durable = true)]
            public partial class {|SGEN0035:{|SGEN0035:{|SGEN0035:Chat|}|}|} : Room
            {
                [On("Open", StartsSession = true)]
                private void Open() => topic = "hello";
            }
            """);

    [Fact]
    public Task Stays_silent_for_transient_static_and_const_base_fields_and_for_a_process_that_is_not_durable() =>
        Verify<UnstoredBaseClassFieldAnalyzer>.AnalyzerAsync("""
            public abstract class Room
            {
                [Transient] protected System.Diagnostics.Stopwatch? clock;
                protected static int Rooms;
                protected const int Limit = 10;
            }

            public abstract class Counted
            {
                protected int count;
            }

            [SessionProcess(Durable = true)]
            public partial class Chat : Room
            {
                private int messages;

                [On("Open", StartsSession = true)]
                private void Open() => messages++;
            }

            [SessionProcess]
            public partial class Lobby : Counted
            {
                [On("Open", StartsSession = true)]
                private void Open() => count++;
            }
            """);
}
