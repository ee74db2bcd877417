using SessionGen.Analyzers.Names;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class GeneratedMemberCollisionTests
{
    [Fact]
    public Task Fires_on_members_named_like_generated_ones() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                private void {|SGEN0022:Emit|}(object message) { }

                public string {|SGEN0022:SessionId|} => "";

                private static void {|SGEN0022:Connect|}() { }
            }
            """);

    [Theory]
    [InlineData("Messages")]
    [InlineData("Client")]
    [InlineData("SessionDefinition")]
    [InlineData("sessionContext")]
    [InlineData("EmitTo")]
    [InlineData("EndSession")]
    [InlineData("After")]
    [InlineData("StartAsync")]
    public Task Fires_on_every_generated_name(string name) =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync($$"""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                private int {|SGEN0022:{{name}}|};
            }
            """);

    [Fact]
    public Task Fires_on_a_nested_type_and_on_a_member_named_like_a_Schedule_method() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [OnTimeout("idle")]
                private void Idle() { }

                private void {|SGEN0022:ScheduleIdle|}() { }

                public sealed class {|SGEN0022:Client|} { }
            }
            """);

    [Fact]
    public Task Fires_on_a_type_named_like_a_timeouts_generated_call() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [OnTimeout("Idle")]
                private void Idle(int minutes) { }

                private struct {|SGEN0022:IdleTimeoutCall|} { }
            }
            """);

    [Fact]
    public Task Fires_on_a_process_named_like_a_generated_member() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0022:Emit|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Fires_on_an_operation_named_Messages() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On({|SGEN0022:"messages"|})]
                private void ListMessages() { }
            }
            """);

    [Fact]
    public Task Fires_on_the_process_for_an_inherited_member() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            public abstract class ChatBase
            {
                protected void Emit(object message) { }
            }

            [SessionProcess]
            public partial class {|SGEN0022:Chat|} : ChatBase
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_the_generated_members_themselves_and_for_near_names() =>
        Verify<GeneratedMemberCollisionAnalyzer>.AnalyzerAsync("""
            public abstract class ChatBase
            {
                private void Emit(object message) { }
            }

            [SessionProcess]
            public partial class Chat : ChatBase
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic)
                {
                    Emitter(topic);
                    Emit(SessionId);
                    ScheduleIdle(TimeSpan.FromSeconds(5));
                }

                [OnTimeout("Idle")]
                private void Idle() => EndSession();

                private void Emitter(string text) { }

                private void ScheduleIdleAgain() { }

                private Client? client;
            }
            """);
}
