using System.Security.Claims;

namespace SessionGen.Runtime.Tests.Callers;

/// <summary>The caller set when a client connects reaches the handler, and nowhere else; a handler that needs one refuses messages without one.</summary>
public sealed class CallerTests
{
    private static readonly SessionCaller Ann = new("ann");
    private static readonly SessionCaller Bob = new("bob");

    [Fact]
    public async Task The_caller_of_the_client_reaches_a_synchronous_handler()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");

        Assert.Equal("ann", await Lounge.Connect(host, lounge.Id, Ann).WhoAsync().Guarded());
        Assert.Equal("bob", await Lounge.Connect(host, lounge.Id, Bob).WhoAsync().Guarded());
    }

    [Fact]
    public async Task The_caller_reaches_an_asynchronous_handler_after_an_await()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");

        Task<string> ann = lounge.WhoLaterAsync().AsTask();
        Task<string> bob = Lounge.Connect(host, lounge.Id, Bob).WhoLaterAsync().AsTask();

        Assert.Equal(["ann", "bob"], await Task.WhenAll(ann, bob).Guarded());
    }

    [Fact]
    public async Task A_starter_receives_the_caller_of_the_host_view_it_was_started_through()
    {
        await using SessionHost host = TestHosts.Create(out _);
        ISessionHost asBob = host.As(Bob);

        Lounge.Client lounge = await Lounge.StartAsync(asBob, "tea").Guarded();

        Assert.Equal("bob", lounge.Caller?.Id);
        Assert.Equal("bob", await lounge.WhoAsync().Guarded()); // the client keeps speaking as bob
        Assert.Equal("bob", await asBob.SendAsync(SessionId.New(), new Lounge.Messages.Open("coffee"), CancellationToken.None).Guarded());
    }

    [Fact]
    public async Task A_message_routed_by_correlation_carries_its_caller()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await Ticket.StartAsync(host, "7").Guarded();

        object? stamped = await host.As(Ann).SendAsync(new Ticket.Messages.Stamp("7"), CancellationToken.None).Guarded();

        Assert.Equal("7 stamped by ann", stamped);
    }

    [Fact]
    public async Task A_posted_message_carries_its_caller_in_its_place_among_the_parameters()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");
        await using SessionSubscription events = host.Subscribe(lounge.Id);

        Assert.True(Lounge.Connect(host, lounge.Id, Bob).PostNote("ho", 3));
        Assert.True(host.As(Ann).Post(lounge.Id, new Lounge.Messages.Note("hey", 1)));

        SessionEvent first = await events.ReadAsync().Guarded();
        SessionEvent second = await events.ReadAsync().Guarded();
        Assert.Equal(["bob: hohoho", "ann: hey"], new[] { first.Payload, second.Payload });
    }

    [Fact]
    public async Task Untyped_sends_with_a_caller_and_a_message_id_carry_the_caller()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");
        ISessionHost seam = host;
        var once = new MessageId("m-1");

        object? first = await seam.SendAsync(lounge.Id, new Lounge.Messages.Who(), Bob, once, CancellationToken.None).Guarded();
        object? repeat = await seam.SendAsync(lounge.Id, new Lounge.Messages.Who(), Bob, once, CancellationToken.None).Guarded();

        Assert.Equal("bob", first);
        Assert.Equal("bob", repeat);
        Assert.Equal(1, await lounge.HandledAsync().Guarded()); // handled once
        Assert.Equal("bob", await Lounge.Connect(host, lounge.Id, Bob).WhoAsync(new MessageId("m-2")).Guarded());
    }

    [Fact]
    public async Task A_message_id_another_caller_used_is_not_answered_with_that_callers_outcome()
    {
        // Message ids are the sender's: bob reusing ann's id (seen in a log, guessed) must neither get ann's answer
        // nor have his own message swallowed as her repeat.
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");
        var shared = new MessageId("m-1");

        Assert.Equal("ann", await Lounge.Connect(host, lounge.Id, Ann).WhoAsync(shared).Guarded());
        Assert.Equal("bob", await Lounge.Connect(host, lounge.Id, Bob).WhoAsync(shared).Guarded());
        Assert.Equal("ann", await Lounge.Connect(host, lounge.Id, Ann).WhoAsync(shared).Guarded()); // ann's repeat: her outcome
        Assert.Equal(2, await lounge.HandledAsync().Guarded()); // ann's and bob's, each once
    }

    [Fact]
    public async Task A_starter_sent_with_a_message_id_starts_the_session_as_its_caller()
    {
        // What POST /prefix with a Message-Id header does: the new session's id is fresh, so there is nothing to find.
        await using SessionHost host = TestHosts.Create(out _);
        ISessionHost seam = host;
        var id = SessionId.New();

        object? owner = await seam.SendAsync(id, new Lounge.Messages.Open("tea"), Ann, new MessageId("s-1"), CancellationToken.None).AsTask().Guarded();

        Assert.Equal("ann", owner);
        Assert.Equal("bob", await Lounge.Connect(host, id, Bob).WhoAsync().Guarded());
    }

    [Fact]
    public async Task A_message_without_a_caller_to_a_handler_that_needs_one_is_refused_and_the_handler_does_not_run()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client asAnn = await Lounge.StartAsync(host.As(Ann), "tea");
        Lounge.Client anonymous = Lounge.Connect(host, asAnn.Id);

        SessionCallerRequiredException sent = await Assert.ThrowsAsync<SessionCallerRequiredException>(() => anonymous.WhoAsync().AsTask());
        SessionCallerRequiredException untyped = await Assert.ThrowsAsync<SessionCallerRequiredException>(
            () => host.SendAsync(asAnn.Id, new Lounge.Messages.Who()).AsTask());
        SessionCallerRequiredException posted = Assert.Throws<SessionCallerRequiredException>(() => anonymous.PostNote("x", 1));
        await Assert.ThrowsAsync<SessionCallerRequiredException>(() => anonymous.WhoAsync(new MessageId("m-1")).AsTask());

        Assert.Equal("Who", sent.Operation);
        Assert.Equal(asAnn.Id, untyped.SessionId);
        Assert.Contains("needs a caller", posted.Message, StringComparison.Ordinal);
        Assert.Equal(0, await asAnn.HandledAsync().Guarded());
        Assert.Equal("ann", await asAnn.WhoAsync().Guarded()); // the session is unharmed
    }

    [Fact]
    public async Task A_starter_that_needs_a_caller_refuses_an_anonymous_start_and_leaves_no_session()
    {
        await using SessionHost host = TestHosts.Create(out _);

        await Assert.ThrowsAsync<SessionCallerRequiredException>(() => Lounge.StartAsync(host, "tea").AsTask());

        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task A_nullable_caller_is_null_for_an_anonymous_message()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client anonymous = await Lounge.StartAsync(host);

        Assert.Equal("(anonymous)", await anonymous.MaybeAsync().Guarded());
        Assert.Equal("ann", await Lounge.Connect(host, anonymous.Id, Ann).MaybeAsync().Guarded());
    }

    [Fact]
    public async Task The_caller_brings_its_user_and_claims()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host);
        var moderator = new SessionCaller("mo", new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "moderator")], "test")));

        Assert.Equal("moderator", await Lounge.Connect(host, lounge.Id, moderator).RoleAsync().Guarded());
        Assert.Null(await Lounge.Connect(host, lounge.Id, Ann).RoleAsync().Guarded());
    }

    [Fact]
    public async Task A_handler_calling_another_session_speaks_as_the_client_it_uses_not_as_its_own_caller()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client asker = await Lounge.StartAsync(host.As(Ann), "tea");
        Lounge.Client other = await Lounge.StartAsync(host);

        Assert.Equal("(anonymous)", await asker.AskAnonymouslyAsync(host, other.Id).Guarded());
        Assert.Equal("ann", await asker.AskAsMeAsync(host, other.Id).Guarded());
    }

    [Fact]
    public async Task A_view_speaks_only_as_its_own_caller_and_binding_a_view_again_replaces_the_caller()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");
        ISessionHost asAnn = host.As(Ann);

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(
            () => asAnn.SendAsync(lounge.Id, new Lounge.Messages.Who(), Bob, null, CancellationToken.None).AsTask());

        Assert.Contains("cannot send as 'bob'", refused.Message, StringComparison.Ordinal);
        Assert.Equal("bob", await asAnn.As(Bob).SendAsync(lounge.Id, new Lounge.Messages.Who(), CancellationToken.None).Guarded());
    }

    [Fact]
    public void A_caller_needs_an_id()
    {
        Assert.Throws<ArgumentException>(() => new SessionCaller(""));
        Assert.Equal("ann", new SessionCaller("ann").ToString());
    }
}
