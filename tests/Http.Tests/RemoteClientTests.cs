using System.Text.Json;

namespace SessionGen.Http.Tests;

/// <summary>The generated typed client over <see cref="HttpSessionHost"/>, against a real server on loopback.</summary>
public sealed class RemoteClientTests(RemoteServer server) : IClassFixture<RemoteServer>
{
    [Fact]
    public async Task Start_sends_with_and_without_a_result_reach_the_server_session()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");

        Assert.True(server.ServerHost.Contains(journal.Id)); // the id the client chose is the server's
        Assert.Equal("1:a:1", await journal.NoteAsync("a", 1));
        Assert.Equal("2:b:2", await journal.NoteAsync("b", 2));
        await journal.ClearAsync();
        Assert.Equal(0, await journal.CountAsync());
    }

    [Fact]
    public async Task A_client_connected_by_id_reaches_the_same_session()
    {
        Journal.Client started = await Journal.StartAsync(server.Host, "book");
        await started.NoteAsync("a", 1);

        Journal.Client connected = Journal.Connect(server.Host, new SessionId(started.Id.Value));

        Assert.Equal(1, await connected.CountAsync());
    }

    [Fact]
    public async Task A_send_repeated_with_the_same_message_id_is_handled_once()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");
        var messageId = MessageId.New();

        string first = await journal.NoteAsync("a", 1, messageId);
        string again = await journal.NoteAsync("a", 1, messageId);

        Assert.Equal(("1:a:1", "1:a:1"), (first, again));
        Assert.Equal(1, await journal.CountAsync());
        Assert.Equal("2:b:2", await journal.NoteAsync("b", 2, MessageId.New()));
    }

    [Fact]
    public async Task An_unknown_session_is_SessionNotFoundException()
    {
        Journal.Client nobody = Journal.Connect(server.Host, new SessionId("no-such-journal"));

        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => nobody.CountAsync().AsTask());

        Assert.Equal("no-such-journal", error.SessionId.Value);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => server.Host.SubscribeAsync("Remote.Journal", nobody.Id, null, null, default).AsTask());
    }

    [Fact]
    public async Task A_handler_fault_is_SessionFaultedException_with_the_remote_type_and_no_secret()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");

        var fault = await Assert.ThrowsAsync<SessionFaultedException>(() => journal.CrashAsync().AsTask());

        var remote = Assert.IsType<RemoteHandlerException>(fault.InnerException);
        Assert.Equal(("Crash", "System.InvalidOperationException"), (fault.Operation, remote.RemoteType));
        Assert.DoesNotContain("secret", remote.Message, StringComparison.Ordinal);
        Assert.Equal(journal.Id, fault.SessionId);
    }

    [Fact]
    public async Task A_message_the_protocol_refuses_is_MessageNotAcceptedException_with_the_state()
    {
        Door.Client door = await Door.StartAsync(server.Host);
        Assert.Equal("opened", await door.PushAsync());
        await door.LockAsync();

        var refused = await Assert.ThrowsAsync<MessageNotAcceptedException>(() => door.PushAsync().AsTask());

        Assert.Equal(("Push", "Locked"), (refused.Operation, refused.State));
    }

    [Fact]
    public async Task Starting_under_an_id_in_use_is_SessionAlreadyExistsException()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");

        await Assert.ThrowsAsync<SessionAlreadyExistsException>(
            () => server.Host.SendAsync(journal.Id, new Journal.Messages.Open("again"), default).AsTask());
    }

    [Fact]
    public async Task Subscribers_receive_declared_event_types_typed_and_others_as_restored_JSON()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");
        using var guard = new CancellationTokenSource(RemoteServer.Guard);
        await using SessionSubscription events = await server.Host.SubscribeAsync("Remote.Journal", journal.Id, null, null, guard.Token);

        await journal.NoteAsync("a", 7);
        await journal.WhisperAsync("psst");

        SessionEvent noted = await events.ReadAsync(guard.Token);
        SessionEvent whispered = await events.ReadAsync(guard.Token);
        Assert.Equal((1L, new Noted("a", 7)), (noted.Sequence, noted.Payload));
        var restored = Assert.IsType<RestoredEvent>(whispered.Payload);
        Assert.Equal(("Whispered", "psst"), (restored.Type, restored.Data.GetProperty("text").GetString()));
        Assert.Equal(journal.Id, whispered.SessionId);
    }

    [Fact]
    public async Task A_subscription_completes_when_the_session_ends()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");
        SessionSubscription events = await server.Host.SubscribeAsync("Remote.Journal", journal.Id, null, null, default);
        using var guard = new CancellationTokenSource(RemoteServer.Guard);

        await journal.NoteAsync("last", 1);
        await journal.CloseAsync();

        var read = new List<long>();
        await foreach (SessionEvent e in events.WithCancellation(guard.Token))
        {
            read.Add(e.Sequence);
        }

        Assert.Equal([1L], read);
    }

    [Fact]
    public async Task A_subscription_resumes_after_a_sequence_number_with_the_retained_events()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");
        await journal.BurstAsync(5);
        using var guard = new CancellationTokenSource(RemoteServer.Guard);

        await using SessionSubscription events = await server.Host.SubscribeAsync("Remote.Journal", journal.Id, null, afterSequence: 3, guard.Token);

        Assert.Equal(4, (await events.ReadAsync(guard.Token)).Sequence);
        Assert.Equal(5, (await events.ReadAsync(guard.Token)).Sequence);
        Assert.Equal(0, events.MissedEvents);
    }

    [Fact]
    public async Task A_dropped_event_stream_resumes_with_nothing_lost_or_repeated()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");
        using var guard = new CancellationTokenSource(RemoteServer.Guard);
        int before = server.StreamRequests.Count;
        await using SessionSubscription events = await server.Host.SubscribeAsync("Remote.Journal", journal.Id, null, null, guard.Token);
        await journal.BurstAsync(3);
        var sequences = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            sequences.Add((await events.ReadAsync(guard.Token)).Sequence);
        }

        // The server aborts the connection instead of writing event 4; the client reopens it after event 3.
        server.DropAtNextEvent();
        await journal.BurstAsync(7);
        while (sequences.Count < 10)
        {
            SessionEvent e = await events.ReadAsync(guard.Token);
            sequences.Add(e.Sequence);
            Assert.Equal(new Noted("burst", (int)e.Sequence), e.Payload);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), sequences);
        Assert.Equal([null, "3"], server.StreamRequests.Skip(before).Select(r => r.LastEventId));
        Assert.Equal(0, events.MissedEvents);
        await journal.NoteAsync("live", 11);
        Assert.Equal(11, (await events.ReadAsync(guard.Token)).Sequence); // and it carries on live
    }

    [Fact]
    public async Task A_one_way_post_is_handled_and_a_refused_one_is_reported()
    {
        Journal.Client journal = await Journal.StartAsync(server.Host, "book");
        using var guard = new CancellationTokenSource(RemoteServer.Guard);
        await using SessionSubscription events = await server.Host.SubscribeAsync("Remote.Journal", journal.Id, null, null, guard.Token);

        Assert.True(journal.PostNote("posted", 9));
        SessionEvent noted = await events.ReadAsync(guard.Token);
        Assert.Equal(new Noted("posted", 9), noted.Payload);

        var nobody = new SessionId("no-such-journal-for-posts");
        Assert.True(Journal.Connect(server.Host, nobody).PostNote("lost", 1));
        Assert.True(journal.PostNote("after", 2)); // posts go out in order: this one is handled after the refusal
        Assert.Equal(new Noted("after", 2), (await events.ReadAsync(guard.Token)).Payload);
        var failure = Assert.Single(server.PostFailures, f => f.Id == nobody);
        Assert.Equal("Note", failure.Operation);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, Assert.IsType<HttpRequestException>(failure.Error).StatusCode);
    }

    [Fact]
    public async Task The_typed_clients_Subscribe_does_not_wait_for_the_server_and_a_session_it_does_not_know_ends_it()
    {
        Journal.Client nobody = Journal.Connect(server.Host, new SessionId("no-such-journal-to-watch"));
        using var guard = new CancellationTokenSource(RemoteServer.Guard);

        await using SessionSubscription events = nobody.Subscribe();

        await Assert.ThrowsAsync<SessionNotFoundException>(async () =>
        {
            await foreach (SessionEvent unexpected in events.WithCancellation(guard.Token))
            {
                Assert.Fail($"no event was expected, got {unexpected.Payload}");
            }
        });
    }
}
