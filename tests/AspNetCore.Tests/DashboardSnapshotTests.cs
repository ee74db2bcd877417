using System.Text.Json;
using static SessionGen.AspNetCore.Tests.DashboardServer;

namespace SessionGen.AspNetCore.Tests;

/// <summary>The dashboard's JSON snapshot on a real Kestrel: what the page shows, read as the page reads it.</summary>
public sealed class DashboardSnapshotTests
{
    private const string DoorProcess = "Dashboard.Door";

    [Fact]
    public async Task Each_process_shows_its_sessions_messages_and_faults()
    {
        await using DashboardServer server = await StartAsync();
        Door.Client first = await Door.StartAsync(server.Host);
        await Door.StartAsync(server.Host);
        Door.Client jammed = await Door.StartAsync(server.Host);
        for (int i = 0; i < 3; i++)
        {
            await first.RingAsync("ann");
        }

        await Assert.ThrowsAsync<SessionFaultedException>(async () => await jammed.JamAsync());

        JsonElement door = Process(await server.SnapshotAsync(), DoorProcess);
        Assert.Equal(2, door.GetProperty("sessions").GetInt32()); // the fault ended the third
        Assert.Equal(3 + 3 + 1, door.GetProperty("messagesHandled").GetInt64()); // three starters, three rings, the jam
        Assert.Equal(1, door.GetProperty("faults").GetInt64());
        Assert.Equal(0, door.GetProperty("deadLetters").GetInt64());
    }

    [Fact]
    public async Task A_chosen_session_shows_its_protocol_state_queue_pending_timeouts_and_subscribers()
    {
        await using DashboardServer server = await StartAsync();
        Door.Client open = await Door.StartAsync(server.Host);
        await open.OpenAsync(); // schedules AutoClose, which the fake clock never reaches
        await using SessionSubscription watching = open.Subscribe();

        Door.Client busy = await Door.StartAsync(server.Host);
        ValueTask holding = busy.HoldAsync();
        await server.Latch.Entered.Task.WaitAsync(NotebookServer.Guard);
        ValueTask firstRing = busy.RingAsync("ann");
        ValueTask secondRing = busy.RingAsync("bob");

        JsonElement snapshot = await server.SnapshotAsync(DoorProcess, open.Id);
        Assert.Equal(DoorProcess, snapshot.GetProperty("process").GetString());
        JsonElement chosen = snapshot.GetProperty("session");
        Assert.Equal(open.Id.Value, chosen.GetProperty("id").GetString());
        Assert.Equal("Open", chosen.GetProperty("state").GetString());
        Assert.Equal(0, chosen.GetProperty("queueLength").GetInt32());
        Assert.Equal(1, chosen.GetProperty("pendingTimeouts").GetInt32());
        Assert.Equal(1, chosen.GetProperty("subscribers").GetInt32());

        JsonElement listed = snapshot.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == busy.Id.Value);
        Assert.Equal("Closed", listed.GetProperty("state").GetString());
        Assert.Equal(2, listed.GetProperty("queueLength").GetInt32());
        Assert.Equal(0, listed.GetProperty("pendingTimeouts").GetInt32());
        Assert.Equal(0, listed.GetProperty("subscribers").GetInt32());

        JsonElement process = Process(snapshot, DoorProcess);
        Assert.Equal(["Closed", "Open"], process.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Door.ProtocolDiagram, process.GetProperty("diagram").GetString());

        server.Latch.Released.SetResult();
        await holding;
        await firstRing;
        await secondRing;
        Assert.Equal(0, (await server.SnapshotAsync(DoorProcess, busy.Id)).GetProperty("session").GetProperty("queueLength").GetInt32());
    }

    [Fact]
    public async Task Without_a_choice_the_first_process_and_its_first_session_are_shown_and_an_ended_choice_moves_on()
    {
        await using DashboardServer server = await StartAsync();
        Door.Client removed = await Door.StartAsync(server.Host);
        Door.Client staying = await Door.StartAsync(server.Host);
        await removed.RemoveAsync();

        JsonElement snapshot = await server.SnapshotAsync(DoorProcess, removed.Id);
        Assert.Equal(DoorProcess, snapshot.GetProperty("process").GetString());
        Assert.Equal(staying.Id.Value, snapshot.GetProperty("session").GetProperty("id").GetString());
        Assert.Equal(staying.Id.Value, (await server.SnapshotAsync()).GetProperty("session").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_latest_dead_letters_show_their_reason_and_never_their_payload()
    {
        await using DashboardServer server = await StartAsync();
        Door.Client door = await Door.StartAsync(server.Host);
        ValueTask holding = door.HoldAsync();
        await server.Latch.Entered.Task.WaitAsync(NotebookServer.Guard);
        ValueTask removing = door.RemoveAsync();
        ValueTask ringing = door.RingAsync("secret-visitor"); // queued behind Remove: the session ends first
        server.Latch.Released.SetResult();
        await holding;
        await removing;
        await Assert.ThrowsAsync<SessionNotFoundException>(async () => await ringing);

        using HttpResponseMessage response = await server.Client.GetAsync("/sessiongen/snapshot");
        string json = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-visitor", json, StringComparison.Ordinal);
        JsonElement snapshot = JsonDocument.Parse(json).RootElement;
        JsonElement deadLetter = Assert.Single(snapshot.GetProperty("deadLetters").EnumerateArray());
        Assert.Equal("SessionEnded", deadLetter.GetProperty("reason").GetString());
        Assert.Equal("Ring", deadLetter.GetProperty("operation").GetString());
        Assert.Equal(DoorProcess, deadLetter.GetProperty("process").GetString());
        Assert.Equal(door.Id.Value, deadLetter.GetProperty("sessionId").GetString());
        Assert.Equal(1, snapshot.GetProperty("deadLetterCount").GetInt64());
        Assert.Equal(1, Process(snapshot, DoorProcess).GetProperty("deadLetters").GetInt64());
    }

    [Fact]
    public async Task Messages_per_second_are_measured_on_the_applications_clock()
    {
        await using DashboardServer server = await StartAsync();
        Door.Client door = await Door.StartAsync(server.Host);
        Assert.Equal(0, Process(await server.SnapshotAsync(), DoorProcess).GetProperty("messagesPerSecond").GetDouble());

        for (int i = 0; i < 6; i++)
        {
            await door.RingAsync("ann");
        }

        server.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, Process(await server.SnapshotAsync(), DoorProcess).GetProperty("messagesPerSecond").GetDouble());

        // A second later with nothing handled, the rate is measured from the previous snapshot: zero.
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Process(await server.SnapshotAsync(), DoorProcess).GetProperty("messagesPerSecond").GetDouble());
    }
}
