using SessionGen.Analyzers.CodeFixes.Fixes;
using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.CodeFixes;

public sealed class AddPartialCodeFixTests
{
    [Fact]
    public Task Adds_partial_to_processes_after_their_other_modifiers() =>
        Verify<ProcessMustBePartialAnalyzer>.CodeFixAsync<AddPartialCodeFixProvider>(
            """
            [SessionProcess]
            public sealed class {|SGEN0001:Chat|}
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => {|CS0103:Emit|}(topic);
            }

            [SessionProcess]
            class {|SGEN0001:Lobby|}
            {
                [On("Enter", StartsSession = true)]
                private void Enter(string name) => {|CS0103:Emit|}(name);
            }
            """,
            """
            [SessionProcess]
            public sealed partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => Emit(topic);
            }

            [SessionProcess]
            partial class Lobby
            {
                [On("Enter", StartsSession = true)]
                private void Enter(string name) => Emit(name);
            }
            """);

    [Fact]
    public Task Adds_partial_to_every_containing_type() =>
        Verify<ContainingTypeMustBePartialAnalyzer>.CodeFixAsync<AddPartialCodeFixProvider>(
            """
            public static class {|SGEN0005:Processes|}
            {
                internal struct {|SGEN0005:Group|}
                {
                    [SessionProcess]
                    public partial class Chat
                    {
                        [On("Open", StartsSession = true)]
                        private void Open(string topic) => {|CS0103:Emit|}(topic);
                    }
                }
            }
            """,
            """
            public static partial class Processes
            {
                internal partial struct Group
                {
                    [SessionProcess]
                    public partial class Chat
                    {
                        [On("Open", StartsSession = true)]
                        private void Open(string topic) => Emit(topic);
                    }
                }
            }
            """);
}
