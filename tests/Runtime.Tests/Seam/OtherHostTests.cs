using System.Text.Json;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Seam;

/// <summary>
/// The generated client over an <see cref="ISessionHost"/> that is not a <see cref="SessionHost"/>: every typed member
/// (start, send with and without a result, with a message id, post) goes through that host's untyped members, and
/// results and errors come back typed.
/// </summary>
public sealed class OtherHostTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = FrontDeskJson.Default };

    private readonly SessionHost sessions = new();
    private BytesRelayHost relay = null!;

    public Task InitializeAsync()
    {
        relay = new BytesRelayHost(sessions, Json);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sessions.DisposeAsync();

    [Fact]
    public async Task The_typed_client_starts_sends_and_posts_through_the_other_host_and_gets_typed_results()
    {
        FrontDesk.Client desk = await FrontDesk.StartAsync(relay).AsTask().Guarded();
        Assert.Same(relay, desk.Host);
        Assert.True(sessions.Contains(desk.Id));

        Receipt receipt = await desk.BookAsync("ann", 3, new DateOnly(2026, 5, 1)).AsTask().Guarded();
        await desk.InviteAsync(new Guest("bob", 40), ["vip"]).AsTask().Guarded();
        Assert.True(desk.PostNote("posted", null, 2));
        var id = MessageId.New();
        string once = await desk.NoteAsync("once", "ann", null, id).AsTask().Guarded();
        Assert.Equal(once, await desk.NoteAsync("once", "ann", null, id).AsTask().Guarded());
        Assert.True(desk.PostNote("once", "ann", null, id));

        Assert.Equal(new Receipt("ann", 3, new DateOnly(2026, 5, 1), 360m), receipt);
        Assert.Equal(["bob (40): vip", "posted by nobody at 2 priority", "once by ann at no priority"], await desk.LogAsync().AsTask().Guarded());
        Assert.Equal(8, relay.Calls); // start, book, invite, post, note twice, post with the id, log
    }

    [Fact]
    public async Task Errors_of_the_other_host_reach_the_typed_caller_as_they_are()
    {
        FrontDesk.Client nobody = FrontDesk.Connect(relay, SessionId.New());

        await Assert.ThrowsAsync<SessionNotFoundException>(() => nobody.LogAsync().AsTask().Guarded());
        Assert.False(nobody.PostNote("lost", null, null));
    }

    [Fact]
    public async Task A_subscription_names_the_process_and_a_session_of_another_process_is_not_found()
    {
        FrontDesk.Client desk = await FrontDesk.StartAsync(relay).AsTask().Guarded();

        await using SessionSubscription events = desk.Subscribe();

        Assert.Equal("Tests.FrontDesk", desk.Process);
        Assert.Equal(desk.Id, events.SessionId);
        Assert.Throws<SessionNotFoundException>(() => ((ISessionHost)sessions).Subscribe("Tests.Other", desk.Id, null));
    }
}
