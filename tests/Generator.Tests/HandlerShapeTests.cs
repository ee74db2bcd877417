using SessionGen.Generator.Tests.Infrastructure;
using SessionGen.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>Every return shape and the optional trailing <c>CancellationToken</c> of API.md's handler rules.</summary>
public sealed class HandlerShapeTests
{
    private const string Source = """
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        [SessionProcess]
        public partial class Shapes
        {
            [On("Start", StartsSession = true)]
            private Task Start(string name, CancellationToken cancellationToken) => Task.CompletedTask;

            [On("Plain")]
            private void Plain() { }

            [On("Value")]
            private int Value(int x) => x;

            [On("AsTask")]
            private async Task<string> AsTask(string text)
            {
                await Task.Yield();
                return text;
            }

            [On("AsValueTask")]
            private ValueTask AsValueTask() => default;

            [On("AsValueTaskOfT")]
            private ValueTask<long> AsValueTaskOfT(long n, CancellationToken token) => new(n);

            [On("OnlyToken")]
            private Task<bool> OnlyToken(CancellationToken token) => Task.FromResult(token.CanBeCanceled);

            [OnTimeout("Tick")]
            private ValueTask Tick(int n, CancellationToken token) => default;
        }
        """;

    private static async Task<string> GenerateAsync()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(Source);
        run.AssertCompilesCleanly();
        return run.SingleText();
    }

    [Fact]
    public async Task Cancellation_token_is_passed_through_but_is_not_part_of_the_message()
    {
        string text = await GenerateAsync();

        Assert.Contains("public sealed record Start(string Name) :", text);
        Assert.Contains("process.Start(message.Name, cancellationToken)", text);
        Assert.Contains("public sealed record AsValueTaskOfT(long N) :", text);
        Assert.Contains("process.AsValueTaskOfT(message.N, cancellationToken)", text);
        Assert.Contains("public sealed record OnlyToken() :", text);
        Assert.Contains("process.OnlyToken(cancellationToken)", text);
        Assert.Contains("OnlyTokenAsync(global::System.Threading.CancellationToken cancellationToken = default)", text);
    }

    [Fact]
    public async Task Timeout_handler_with_a_token_is_scheduled_without_one()
    {
        string text = await GenerateAsync();

        Assert.Contains("ScheduleTick(global::System.TimeSpan delay, int n) =>", text);
        Assert.Contains("new TickTimeoutCall(n)", text);
        Assert.Contains("process.Tick(this.n, global::System.Threading.CancellationToken.None)", text);
    }

    [Fact]
    public async Task Protocol_timeout_with_two_parameters_and_an_async_handler_carries_its_spec_and_no_closure()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using SessionGen;

            namespace Sample;

            public enum Phase { Open, [FinalState] Closed }

            [SessionProcess(States = typeof(Phase))]
            public partial class Deadline
            {
                [On("Start", StartsSession = true)]
                private void Start() => ScheduleExpire(TimeSpan.FromSeconds(1), "late", 3);

                [OnTimeout("Expire")]
                [AcceptedIn(Phase.Open)]
                [MovesTo(Phase.Closed)]
                private async Task<int> Expire(string reason, int attempts)
                {
                    await Task.Yield();
                    MoveTo(Phase.Closed);
                    return attempts;
                }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("this.sessionContext.Schedule<global::Sample.Deadline, ExpireTimeoutCall>(delay, new ExpireTimeoutCall(reason, attempts));", text);
        Assert.Contains("global::SessionGen.Infrastructure.TimeoutSpec? global::SessionGen.Infrastructure.ITimeoutCall<global::Sample.Deadline>.Spec => global::Sample.Deadline.SessionDefinition.ExpireTimeout;", text);
        Assert.Contains("new global::System.Threading.Tasks.ValueTask(process.Expire(this.reason, this.attempts));", text);
        Assert.DoesNotContain("this.sessionContext.After(", text);
    }

    [Fact]
    public async Task Timeout_of_a_nested_process_may_take_a_private_type_of_it()
    {
        const string source = """
            using System;
            using SessionGen;

            namespace Sample;

            internal static partial class Outer
            {
                [SessionProcess]
                internal partial class Watch
                {
                    private sealed record Mark(int Lap);

                    [On("Start", StartsSession = true)]
                    private void Start() => ScheduleLap(TimeSpan.FromSeconds(1), new Mark(1), null);

                    [OnTimeout("Lap")]
                    private void Lap(Mark mark, string? note) { }
                }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        Assert.Contains("this.sessionContext.Schedule<global::Sample.Outer.Watch, LapTimeoutCall>(delay, new LapTimeoutCall(mark, note));", run.SingleText());
    }

    [Fact]
    public async Task Client_methods_return_the_handlers_result_as_a_value_task()
    {
        string text = await GenerateAsync();

        Assert.Contains("public global::System.Threading.Tasks.ValueTask PlainAsync(", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<int> ValueAsync(int x,", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<string> AsTaskAsync(string text,", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask AsValueTaskAsync(", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<long> AsValueTaskOfTAsync(long n,", text);
        Assert.Contains("public global::System.Threading.Tasks.ValueTask<bool> OnlyTokenAsync(", text);
    }

    [Fact]
    public async Task Dispatch_adapts_each_return_shape_to_the_runtime()
    {
        string text = await GenerateAsync();

        Assert.Contains("global::SessionGen.Infrastructure.SessionOperation<global::Sample.Shapes, Messages.Plain, global::System.ValueTuple>", text);
        Assert.Contains("global::SessionGen.Infrastructure.SessionOperation<global::Sample.Shapes, Messages.Value, int>", text);
        Assert.Contains("global::SessionGen.Infrastructure.SessionOperation<global::Sample.Shapes, Messages.AsTask, string>", text);
        Assert.Contains("global::SessionGen.Infrastructure.SessionOperation<global::Sample.Shapes, Messages.AsValueTask, global::System.ValueTuple>", text);
        Assert.Contains("global::SessionGen.Infrastructure.SessionOperation<global::Sample.Shapes, Messages.AsValueTaskOfT, long>", text);
        Assert.Contains("global::SessionGen.Infrastructure.HandlerResults.FromTask(process.Start(", text);
        Assert.Contains("global::SessionGen.Infrastructure.HandlerResults.FromValueTask(process.AsValueTask())", text);
        Assert.Contains(": base(Instance, \"AsValueTaskOfT\", startsSession: false, handlerTakesCancellationToken: true)", text);
        Assert.Contains("process.AsValueTaskOfT(message.N, cancellationToken);", text);
        Assert.Contains("new global::System.Threading.Tasks.ValueTask<int>(process.Value(message.X));", text);
        Assert.Contains("new global::System.Threading.Tasks.ValueTask<string>(process.AsTask(message.Text));", text);
        Assert.Contains("process.Plain();\n", text);
    }

    [Fact]
    public async Task Dispatch_calls_each_handler_directly_from_a_sealed_entry()
    {
        string text = await GenerateAsync();

        Assert.DoesNotContain("static (process, message, cancellationToken)", text);
        Assert.Contains("PlainOperation = new PlainEntry();", text);
        Assert.Contains("private sealed class PlainEntry : global::SessionGen.Infrastructure.SessionOperation<global::Sample.Shapes, Messages.Plain, global::System.ValueTuple>", text);
        Assert.Contains("protected override global::System.Threading.Tasks.ValueTask<long> CallHandler(global::Sample.Shapes process, Messages.AsValueTaskOfT message, global::SessionGen.SessionCaller? caller, global::System.Threading.CancellationToken cancellationToken) =>", text);
    }
}
