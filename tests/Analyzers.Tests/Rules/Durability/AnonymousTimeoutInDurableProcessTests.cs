using SessionGen.Analyzers.Durability;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Durability;

public sealed class AnonymousTimeoutInDurableProcessTests
{
    [Fact]
    public Task Fires_on_each_call_of_the_generated_After_in_a_durable_process() =>
        Verify<AnonymousTimeoutInDurableProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess(Durable = true)]
            public partial class Reminder
            {
                private int count;

                [On("Start", StartsSession = true)]
                private void Start()
                {
                    {|SGEN0033:After(TimeSpan.FromMinutes(1), () => count++)|};
                    TimeoutHandle handle = {|SGEN0033:this.After(TimeSpan.FromMinutes(2), EndSession)|};
                }
            }
            """);

    [Fact]
    public Task Stays_silent_for_named_timeouts_and_in_processes_that_are_not_durable() =>
        Verify<AnonymousTimeoutInDurableProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess(Durable = true)]
            public partial class Reminder
            {
                [On("Start", StartsSession = true)]
                private void Start() => ScheduleRemind(TimeSpan.FromMinutes(1), "ann");

                [OnTimeout("Remind")]
                private void Remind(string name) => Emit(name);
            }

            [SessionProcess]
            public partial class InMemory
            {
                [On("Start", StartsSession = true)]
                private void Start() => After(TimeSpan.FromMinutes(1), EndSession);
            }
            """);
}
