using SessionGen;
using SessionGen.Testing;
using Xunit;

namespace KitTestsApp;

// A user's test of a process with SessionGen.Testing, from the packages alone.
public sealed class RemindersTests
{
    [Fact]
    public async Task The_reminder_comes_at_its_time_and_not_before()
    {
        await using var host = new SessionTestHost();
        Reminders.Client reminders = await Reminders.StartAsync(host);
        await reminders.RemindAsync("ann", "stand-up", TimeSpan.FromMinutes(15));

        await host.AdvanceAsync(TimeSpan.FromMinutes(15) - TimeSpan.FromMilliseconds(1));
        host.Events(reminders.Id, "ann").ShouldNotContain<Reminder>();
        Assert.Equal(1, host.PendingTimeouts(reminders.Id));

        await host.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        host.Events(reminders.Id, "ann").ShouldBe(new Reminder("ann", "stand-up", TimeSpan.FromMinutes(15)));
        host.ShouldHaveNoDeadLetters();
        host.ShouldHaveNoFaults();
    }

    [Fact]
    public async Task A_failed_assertion_lists_what_was_received()
    {
        await using var host = new SessionTestHost();
        Reminders.Client reminders = await Reminders.StartAsync(host);
        await reminders.RemindAsync("ann", "lunch", TimeSpan.FromMinutes(30));
        await host.AdvanceAsync(TimeSpan.FromMinutes(30));

        var failure = Assert.Throws<SessionAssertionException>(() => host.Events(reminders.Id, "ann").ShouldContain<Reminder>(r => r.What == "dinner"));
        Assert.Contains("#1 Reminder { Who = ann, What = lunch, At = 00:30:00 }", failure.Message);
    }
}
