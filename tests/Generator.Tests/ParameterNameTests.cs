using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// Handler parameters whose names are keywords or collide with the names the generated code uses for its own
/// parameters and locals: the generated code must escape or rename, and still compile.
/// </summary>
public sealed class ParameterNameTests
{
    [Fact]
    public async Task Keyword_parameter_is_escaped_everywhere_it_is_written()
    {
        const string source = """
            using System;
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Keywords
            {
                [On("Start", StartsSession = true)]
                private void Start(string @event, int @class) => ScheduleLater(TimeSpan.Zero, @event);

                [On("Publish")]
                private void Publish(object @event) => Emit(@event);

                [OnTimeout("Later")]
                private void Later(string @event) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("public sealed record Start(string Event, int Class)", text);
        Assert.Contains("StartAsync(global::SessionGen.ISessionHost host, string @event, int @class,", text);
        Assert.Contains("new Messages.Start(@event, @class)", text);
        Assert.Contains("PublishAsync(object @event,", text);
        Assert.Contains("ScheduleLater(global::System.TimeSpan delay, string @event)", text);
        Assert.Contains("new LaterTimeoutCall(@event)", text);
        Assert.Contains("process.Later(this.@event)", text);
    }

    [Fact]
    public async Task Parameters_named_like_the_generated_types_do_not_hide_them()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Shadows
            {
                [On("Start", StartsSession = true)]
                private void Start(int SessionDefinition, int Messages, int Client) { }

                [On("Note")]
                private int Note(string SessionDefinition, string Messages, string Client) => 0;
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("await global::Sample.Shadows.SessionDefinition.StartOperation.StartAsync(host, new global::Sample.Shadows.Messages.Start(SessionDefinition, Messages, Client), cancellationToken)", text);
        Assert.Contains("return new global::Sample.Shadows.Client(host, id);", text);
        Assert.Contains("global::Sample.Shadows.SessionDefinition.NoteOperation.Post(this, new global::Sample.Shadows.Messages.Note(SessionDefinition, Messages, Client));", text);
    }

    [Fact]
    public async Task Parameters_named_host_and_cancellationToken_push_the_generated_ones_aside()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Hosting
            {
                [On("Start", StartsSession = true)]
                private void Start(string host, int cancellationToken) { }

                [On("Move")]
                private void Move(string host, string cancellationToken) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains(
            "StartAsync(global::SessionGen.ISessionHost host2, string host, int cancellationToken, global::System.Threading.CancellationToken cancellationToken2 = default)",
            text);
        Assert.Contains("StartAsync(host2, new Messages.Start(host, cancellationToken), cancellationToken2)", text);
        Assert.Contains("return new global::Sample.Hosting.Client(host2, id);", text);
        Assert.Contains(
            "MoveAsync(string host, string cancellationToken, global::System.Threading.CancellationToken cancellationToken2 = default)",
            text);
    }

    [Fact]
    public async Task Timeout_parameter_named_delay_pushes_the_generated_one_aside()
    {
        const string source = """
            using System;
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Delays
            {
                [On("Start", StartsSession = true)]
                private void Start() => ScheduleRetry(TimeSpan.FromSeconds(1), TimeSpan.Zero);

                [OnTimeout("Retry")]
                private void Retry(TimeSpan delay) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        Assert.Contains("ScheduleRetry(global::System.TimeSpan delay2, global::System.TimeSpan delay) =>", run.SingleText());
    }

    [Fact]
    public async Task Timeout_parameters_named_like_the_generated_call_or_its_members_still_compile()
    {
        const string source = """
            using System;
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Calls
            {
                [On("Start", StartsSession = true)]
                private void Start() => ScheduleLater(TimeSpan.FromSeconds(1), "a", 1, 2, 3);

                [OnTimeout("Later")]
                private void Later(string LaterTimeoutCall, int process, int Spec, int Run) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("private readonly string LaterTimeoutCallValue;", text);
        Assert.Contains("process.Later(this.LaterTimeoutCallValue, this.process, this.Spec, this.Run);", text);
    }

    [Fact]
    public async Task Starter_parameter_named_id_pushes_the_generated_local_aside()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Ids
            {
                [On("Start", StartsSession = true)]
                private void Start(string id) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("global::SessionGen.SessionId id2 = await SessionDefinition.StartOperation.StartAsync(host, new Messages.Start(id), cancellationToken)", text);
        Assert.Contains("return new global::Sample.Ids.Client(host, id2);", text);
    }

    [Fact]
    public async Task Parameter_named_await_is_escaped_because_StartAsync_is_async()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Awaits
            {
                [On("Start", StartsSession = true)]
                private void Start(int await) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("public sealed record Start(int Await)", text);
        Assert.Contains("StartAsync(global::SessionGen.ISessionHost host, int @await,", text);
        Assert.Contains("Messages.Start(@await)", text);
    }

    [Theory]
    [InlineData("toString", "ToStringValue")]
    [InlineData("equalityContract", "EqualityContractValue")]
    [InlineData("deconstruct", "DeconstructValue")]
    [InlineData("start", "StartValue")]
    [InlineData("operation", "Operation")]
    public async Task Message_property_that_would_clash_with_a_record_member_gets_a_suffix(string parameter, string property)
    {
        string source = $$"""
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Clashes
            {
                [On("Start", StartsSession = true)]
                private void Start(string {{parameter}}) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains($"public sealed record Start(string {property})", text);
        Assert.Contains($"process.Start(message.{property})", text);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("sessionContext")]
    [InlineData("process")]
    [InlineData("message")]
    [InlineData("context")]
    [InlineData("callback")]
    [InlineData("await")]
    [InlineData("equalityContract")]
    [InlineData("toString")]
    [InlineData("getHashCode")]
    [InlineData("equals")]
    [InlineData("deconstruct")]
    [InlineData("printMembers")]
    [InlineData("getType")]
    [InlineData("memberwiseClone")]
    [InlineData("finalize")]
    [InlineData("operation")]
    [InlineData("host")]
    [InlineData("delay")]
    public async Task Parameter_named_like_a_generated_local_or_field_still_compiles(string name)
    {
        string source = $$"""
            using System;
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Names
            {
                [On("Start", StartsSession = true)]
                private void Start(string {{name}}) => ScheduleLater(TimeSpan.Zero, {{name}});

                [On("Send")]
                private string Send(string {{name}}) => {{name}};

                [OnTimeout("Later")]
                private void Later(string {{name}}) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
    }

    [Fact]
    public async Task A_process_inside_a_type_named_await_is_named_escaped_in_async_generated_code()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            public partial class @await
            {
                [SessionProcess]
                public partial class Inner
                {
                    [On("Start", StartsSession = true)]
                    private void Start(int value) { }

                    [On("Ping")]
                    private int Ping() => 1;
                }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        Assert.Contains("return new global::Sample.@await.Inner.Client(host, id);", run.SingleText());
    }

    [Theory]
    [InlineData("Find")]
    [InlineData("Instance")]
    [InlineData("Operations")]
    [InlineData("Settings")]
    public async Task An_operation_named_like_a_member_of_the_definition_still_compiles(string name)
    {
        string source = $$"""
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Members
            {
                [On("Start", StartsSession = true)]
                private void Start() { }

                [On("{{name}}")]
                private int Handle() => 1;
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
    }

    [Fact]
    public async Task Parameters_named_like_the_message_json_members_own_parameters_and_locals_compile_and_are_read_by_name()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class JsonShadows
            {
                [On("Start", StartsSession = true)]
                private void Start(string writer, string reader, int options, string message, string? property, int value0, bool seen0) { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("WriteProperty(writer, \"writer\", message.Writer, options);", text);
        Assert.Contains("WriteProperty(writer, \"message\", message.Message, options);", text);
        Assert.Contains("value6 = ReadValue<bool>(ref reader, options, \"seen0\", allowNull: false)!;", text);
        Assert.Contains("return new Messages.Start(value0, value1, value2, value3, value4, value5, value6);", text);
    }
}
