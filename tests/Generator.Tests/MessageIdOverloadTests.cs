using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// The client's overloads that take a <c>MessageId</c>: one beside each <c>{Operation}Async</c> and <c>Post{Operation}</c>,
/// and every natural call still resolves to one overload, whatever the handler's own parameters are.
/// </summary>
public sealed class MessageIdOverloadTests
{
    [Fact]
    public async Task Each_operation_gets_a_send_and_a_post_that_take_a_message_id()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Tally
            {
                [On("Start", StartsSession = true)]
                private void Start() { }

                [On("Add")]
                private int Add(int amount) => amount;

                [On("Reset")]
                private void Reset() { }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains(
            "public global::System.Threading.Tasks.ValueTask<int> AddAsync(int amount, global::SessionGen.MessageId messageId, global::System.Threading.CancellationToken cancellationToken = default) =>",
            text);
        Assert.Contains("SessionDefinition.AddOperation.SendAsync(this, new Messages.Add(amount), messageId, cancellationToken);", text);
        Assert.Contains("public bool PostAdd(int amount, global::SessionGen.MessageId messageId) =>", text);
        Assert.Contains("SessionDefinition.AddOperation.Post(this, new Messages.Add(amount), messageId);", text);
        Assert.Contains(
            "public global::System.Threading.Tasks.ValueTask ResetAsync(global::SessionGen.MessageId messageId, global::System.Threading.CancellationToken cancellationToken = default) =>",
            text);
        Assert.Contains("ResetOperation.SendWithoutResultAsync(this, new Messages.Reset(), messageId, cancellationToken);", text);
        Assert.Contains("public bool PostReset(global::SessionGen.MessageId messageId) =>", text);
    }

    [Fact]
    public async Task A_parameter_named_messageId_pushes_the_generated_one_aside()
    {
        const string source = """
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Named
            {
                [On("Start", StartsSession = true)]
                private void Start() { }

                [On("Forward")]
                private string Forward(string messageId, int cancellationToken) => messageId;
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains(
            "ForwardAsync(string messageId, int cancellationToken, global::SessionGen.MessageId messageId2, global::System.Threading.CancellationToken cancellationToken2 = default) =>",
            text);
        Assert.Contains("new Messages.Forward(messageId, cancellationToken), messageId2, cancellationToken2);", text);
        Assert.Contains("public bool PostForward(string messageId, int cancellationToken, global::SessionGen.MessageId messageId2) =>", text);
        Assert.Contains("paramref name=\"messageId2\"", text);
    }

    [Fact]
    public async Task Natural_calls_resolve_to_one_overload_also_when_handlers_take_a_MessageId()
    {
        // Each call below must pick exactly one overload: an ambiguity (CS0121) fails AssertCompilesCleanly.
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SessionGen;

            namespace Sample;

            [SessionProcess]
            public partial class Ids
            {
                [On("Start", StartsSession = true)]
                private void Start() { }

                [On("Ping")]
                private int Ping() => 1;

                [On("Remember")]
                private void Remember(MessageId id) { }

                [On("Tag")]
                private string Tag(string text, MessageId id, CancellationToken cancellationToken) => text;
            }

            public static class Calls
            {
                public static async Task<string> MakeAsync(Ids.Client client, MessageId a, MessageId b, CancellationToken token)
                {
                    int ping = await client.PingAsync();
                    ping += await client.PingAsync(token);
                    ping += await client.PingAsync(a);
                    ping += await client.PingAsync(a, token);
                    ping += await client.PingAsync(messageId: a);
                    await client.RememberAsync(a);
                    await client.RememberAsync(a, token);
                    await client.RememberAsync(a, b);
                    await client.RememberAsync(a, b, token);
                    await client.RememberAsync(id: a, messageId: b);
                    string tag = await client.TagAsync("x", a);
                    tag += await client.TagAsync("x", a, token);
                    tag += await client.TagAsync("x", a, b);
                    tag += await client.TagAsync("x", a, b, token);
                    bool posted = client.PostPing() && client.PostPing(a) && client.PostRemember(a) && client.PostRemember(a, b);
                    posted &= client.PostTag("x", a) && client.PostTag("x", a, b);
                    return $"{ping} {tag} {posted}";
                }
            }
            """;

        GeneratorRun run = await GeneratorRun.RunAsync(source);

        run.AssertCompilesCleanly();
        Assert.Contains("RememberAsync(global::SessionGen.MessageId id, global::SessionGen.MessageId messageId, global::System.Threading.CancellationToken cancellationToken = default)", run.SingleText());
    }
}
