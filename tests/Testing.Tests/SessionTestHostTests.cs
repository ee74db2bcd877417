using SessionGen.Testing.Tests.Processes;

namespace SessionGen.Testing.Tests;

/// <summary>What the kit promises: time moves only with AdvanceAsync, which returns once due timeouts have run their turns.</summary>
public sealed class SessionTestHostTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task AdvanceAsync_returns_once_every_timeout_due_by_then_has_run_its_turn()
    {
        await using var host = new SessionTestHost();
        Reminders.Client reminders = await Reminders.StartAsync(host);
        await reminders.RemindAsync("ann", "stand-up", 500 * Ms);
        await reminders.RemindAsync("ann", "lunch", 2_000 * Ms);

        await host.AdvanceAsync(499 * Ms);
        Assert.Empty(host.Events(reminders.Id, "ann"));

        await host.AdvanceAsync(1 * Ms);
        host.Events(reminders.Id, "ann").ShouldBe(new Reminder("ann", "stand-up", 500 * Ms));
        Assert.Equal(1, host.PendingTimeouts(reminders.Id));
    }

    [Fact]
    public async Task A_timeout_scheduled_by_a_timeout_runs_within_the_same_advance_at_its_own_due_time()
    {
        await using var host = new SessionTestHost();
        Reminders.Client reminders = await Reminders.StartAsync(host);
        await reminders.NudgeAsync("bob", 100 * Ms, 5);

        await host.AdvanceAsync(350 * Ms);

        host.Events(reminders.Id, "bob").ShouldBe(new Nudged("bob", 100 * Ms), new Nudged("bob", 200 * Ms), new Nudged("bob", 300 * Ms));
        Assert.Equal(1, host.PendingTimeouts(reminders.Id));
        Assert.Equal(350 * Ms, host.Time.GetUtcNow() - host.Time.Start);
    }

    [Fact]
    public async Task PendingTimeouts_counts_the_sessions_own_timeouts_not_its_idle_watch()
    {
        await using var host = new SessionTestHost();
        Reminders.Client reminders = await Reminders.StartAsync(host);
        Assert.Equal(0, host.PendingTimeouts(reminders.Id));
        Assert.Equal(1, host.Host.PendingTimeoutCount); // the idle watch of IdleTimeoutSeconds

        TimeoutHandle lunch = await reminders.RemindAsync("ann", "lunch", TimeSpan.FromHours(2));

        Assert.Equal(1, host.PendingTimeouts(reminders.Id));
        Assert.True(lunch.Cancel());
        Assert.Equal(0, host.PendingTimeouts(reminders.Id));
    }

    [Fact]
    public async Task Events_are_what_each_subscriber_would_have_received_with_sequence_numbers()
    {
        await using var host = new SessionTestHost(new SessionTestHostOptions().AddService<IGreeter>(new Greeter()));
        Counter.Client counter = await Counter.StartAsync(host);

        await counter.AddAsync("ann", 2);
        await counter.AddAsync("bob", 40);

        SessionEventLog everyone = host.Events(counter.Id);
        SessionEventLog ann = host.Events(counter.Id, "ann");
        everyone.ShouldBe(new Added("ann", 2, 2), new Added("bob", 40, 42));
        Assert.Equal([1L, 3L], everyone.Select(e => e.Sequence));
        ann.ShouldBe(new Added("ann", 2, 2), new Thanks("hello, ann"), new Added("bob", 40, 42));
        Assert.Equal([1L, 2L, 3L], ann.Select(e => e.Sequence));
        Assert.Equal(42, ann.ShouldContain<Added>(a => a.Who == "bob").Total);
        ann.ShouldNotContain<Thanks>(t => t.Text.Contains("bob"));
    }

    [Fact]
    public async Task A_TimeProvider_constructor_parameter_is_the_fake_clock_without_any_service_setup()
    {
        var start = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);
        await using var host = new SessionTestHost(new SessionTestHostOptions { StartTime = start });
        Reminders.Client reminders = await Reminders.StartAsync(host);
        await reminders.RemindAsync("ann", "coffee", TimeSpan.FromMinutes(15));

        await host.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromMinutes(15), host.Events(reminders.Id, "ann").ShouldContain<Reminder>().At);
        Assert.Equal(start.AddHours(1), host.Time.GetUtcNow());
    }

    [Fact]
    public async Task Faults_are_captured_and_ShouldHaveNoFaults_lists_them()
    {
        await using var host = new SessionTestHost(new SessionTestHostOptions().AddService<IGreeter>(new Greeter()));
        Counter.Client counter = await Counter.StartAsync(host);
        host.ShouldHaveNoFaults();

        await Assert.ThrowsAsync<SessionFaultedException>(() => counter.DivideAsync(0).AsTask());

        SessionFaultedException fault = Assert.Single(host.Faults);
        Assert.Equal("Divide", fault.Operation);
        var failure = Assert.Throws<SessionAssertionException>(host.ShouldHaveNoFaults);
        Assert.Equal($"Expected no faults, but 1 handlers threw:\n  Divide in session {counter.Id}: DivideByZeroException: Attempted to divide by zero.", failure.Message);
    }

    [Fact]
    public async Task Dead_letters_are_captured_and_ShouldHaveNoDeadLetters_lists_them()
    {
        await using var host = new SessionTestHost();
        Lot.Client lot = await Lot.StartAsync(host);
        await lot.BidAsync("ann", 10m);
        await lot.CloseAsync();
        host.ShouldHaveNoDeadLetters();

        await Assert.ThrowsAsync<MessageNotAcceptedException>(() => lot.BidAsync("bob", 12m).AsTask());

        DeadLetter late = Assert.Single(host.DeadLetters);
        Assert.Equal(DeadLetterReason.NotAccepted, late.Reason);
        var failure = Assert.Throws<SessionAssertionException>(host.ShouldHaveNoDeadLetters);
        Assert.Equal(
            $"Expected no dead letters, but 1 were filed:\n  NotAccepted: Bid for session {lot.Id} (Bid {{ Bidder = bob, Amount = 12 }})",
            failure.Message);
    }

    [Fact]
    public async Task Failed_assertions_say_what_was_expected_and_list_what_was_received()
    {
        await using var host = new SessionTestHost(new SessionTestHostOptions().AddService<IGreeter>(new Greeter()));
        Counter.Client counter = await Counter.StartAsync(host);
        await counter.AddAsync("ann", 2);
        SessionEventLog ann = host.Events(counter.Id, "ann");
        string received = $"Received events received by 'ann' of session {counter.Id}: 2\n  #1 Added {{ Who = ann, Amount = 2, Total = 2 }}\n  #2 Thanks {{ Text = hello, ann }}  (to ann)";

        var missing = Assert.Throws<SessionAssertionException>(() => ann.ShouldContain<Added>(a => a.Total == 3));
        var extra = Assert.Throws<SessionAssertionException>(() => ann.ShouldNotContain<Thanks>());
        var different = Assert.Throws<SessionAssertionException>(() => ann.ShouldBe(new Added("ann", 2, 2)));
        var none = Assert.Throws<SessionAssertionException>(() => host.Events(counter.Id, "bob").ShouldContain<Thanks>());

        Assert.Equal($"Expected an event Added matching the condition.\n{received}", missing.Message);
        Assert.Equal($"Expected no event Thanks, but #2 is Thanks {{ Text = hello, ann }}.\n{received}", extra.Message);
        Assert.Equal($"Expected 1 events, but #2 Thanks {{ Text = hello, ann }} came after them.\n{received}", different.Message);
        Assert.StartsWith("Expected an event Thanks.\nReceived events received by 'bob'", none.Message);
    }

    private sealed class Greeter : IGreeter
    {
        public string Greet(string name) => $"hello, {name}";
    }
}
