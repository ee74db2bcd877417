using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class BlockingCallInHandlerTests
{
    [Fact]
    public Task Fires_on_Result_Wait_GetResult_and_Thread_Sleep() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private int Open(Task<int> count, Task done, ValueTask<int> size)
                {
                    {|SGEN0023:done.Wait()|};
                    {|SGEN0023:Thread.Sleep(10)|};
                    return {|SGEN0023:count.Result|} + {|SGEN0023:size.Result|} + {|SGEN0023:count.GetAwaiter().GetResult()|};
                }

                [OnTimeout("Idle")]
                private void Idle(Task done) => {|SGEN0023:done.ConfigureAwait(false).GetAwaiter().GetResult()|};
            }
            """);

    // The members are recognized by what they are, not by how the call is spelled (issue 16 tried a syntactic
    // pre-filter on their names; any such filter must keep these).
    [Fact]
    public Task Fires_on_every_spelling_of_the_members_names() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync("""
            using static System.Threading.Thread;

            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private int Open(Task<int> count, Task done)
                {
                    {|SGEN0023:Sleep(10)|};
                    {|SGEN0023:Task.WaitAll(done)|};
                    {|SGEN0023:done.@Wait()|};
                    return {|SGEN0023:count.R\u0065sult|};
                }
            }
            """);

    [Fact]
    public Task Stays_silent_for_awaits_lambdas_and_non_handlers() =>
        Verify<BlockingCallAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private async Task<int> Open(Task<int> count)
                {
                    await Task.Delay(10);
                    Func<int> later = () => count.Result;
                    _ = Task.Run(() => Thread.Sleep(10));
                    return await count;
                }

                private int Helper(Task<int> count) => count.Result;
            }
            """);
}
