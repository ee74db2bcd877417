using SessionGen.Runtime.Tests.Processes;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests;

public sealed class UntypedSendTests
{
    [Fact]
    public async Task A_starter_message_creates_the_session_and_returns_the_starters_result()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var id = SessionId.New();

        Assert.Equal("opened news", await host.SendAsync(id, new Chat.Messages.Open("news")));
        Assert.True(host.Contains(id));
        Assert.Equal("hi", await host.SendAsync(id, new Chat.Messages.Echo("hi")));
        Assert.Null(await host.SendAsync(id, new Chat.Messages.Say("no result")));
        Assert.Equal("by name", await Chat.Connect(host, id).SendAsync(new Chat.Messages.Echo("by name")));
    }

    [Fact]
    public async Task A_starter_message_for_an_id_in_use_fails_and_leaves_the_session_alone()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var id = SessionId.New();
        await host.SendAsync(id, new Chat.Messages.Open("first"));

        await Assert.ThrowsAsync<SessionAlreadyExistsException>(() => host.SendAsync(id, new Chat.Messages.Open("second")).AsTask());
        Assert.Equal("still", await host.SendAsync(id, new Chat.Messages.Echo("still")));
    }

    [Fact]
    public async Task Sending_by_name_compiles_for_a_string_or_null_payload_which_fails_as_a_type_mismatch()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var id = SessionId.New();
        await host.SendAsync(id, new Chat.Messages.Open("news"));

        // Written as a transport writes them: these lines compile only while no overload makes them ambiguous.
        var text = await Assert.ThrowsAsync<MessageTypeMismatchException>(() => host.SendAsync(id, "Echo", "hi").AsTask());
        var nothing = await Assert.ThrowsAsync<MessageTypeMismatchException>(() => host.SendAsync(id, "Echo", null).AsTask());
        string payload = "by variable";
        await Assert.ThrowsAsync<MessageTypeMismatchException>(() => host.SendAsync(id, "Echo", payload, CancellationToken.None).AsTask());

        Assert.Equal("Echo", text.Operation);
        Assert.Null(nothing.ActualType);
        Assert.Equal("hi", await host.SendAsync(id, "Echo", new Chat.Messages.Echo("hi")));
    }

    [Fact]
    public void Session_ids_are_random_128_bit_values_compared_by_value()
    {
        SessionId first = SessionId.New();
        SessionId second = SessionId.New();

        Assert.NotEqual(first, second);
        Assert.Equal(32, first.ToString().Length);
        Assert.Equal(first, new SessionId(first.ToString()));
        Assert.True(first == new SessionId(first.Value));
        Assert.Throws<ArgumentException>(() => new SessionId(""));
    }

    [Fact]
    public void The_dispatch_table_finds_operations_by_name_and_by_message()
    {
        SessionProcessDefinition chat = Chat.SessionDefinition.Instance;

        Assert.Equal("Tests.Chat", chat.ProtocolName);
        Assert.Equal(["Open", "Say", "Whisper", "Fail", "FailLater", "Close", "Echo", "Hold"], chat.Operations.Select(o => o.Name));
        Assert.Same(Chat.SessionDefinition.SayOperation, chat.FindOperation("Say"));
        Assert.Null(chat.FindOperation("say"));
        Assert.Same(Chat.SessionDefinition.SayOperation, ((ISessionMessage)new Chat.Messages.Say("x")).Operation);
        Assert.True(chat.FindOperation("Open")!.StartsSession);
        Assert.Equal(typeof(string), chat.FindOperation("Echo")!.ResultType);
        Assert.Null(chat.FindOperation("Say")!.ResultType);
    }
}
