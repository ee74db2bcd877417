namespace SessionGen.Testing.Tests;

/// <summary>A room that knows who speaks and who has gone.</summary>
[SessionProcess]
public partial class Parlour
{
    private readonly HashSet<string> present = new(StringComparer.Ordinal);

    [On("Enter", StartsSession = true)]
    private void Enter(SessionCaller host) => present.Add(host.Id);

    [On("Speak")]
    private void Speak(string text, SessionCaller speaker) => Emit($"{speaker.Id}: {text}");

    [OnParticipantLeft]
    private void Left(string participant)
    {
        present.Remove(participant);
        Emit($"{participant} left");
    }
}

/// <summary>The kit lets a test act as a caller, and its AdvanceAsync waits for departures like any timeout.</summary>
public sealed class CallerKitTests
{
    [Fact]
    public async Task A_test_speaks_as_a_caller_and_sees_a_departure_once_the_grace_has_passed()
    {
        await using var host = new SessionTestHost(new SessionTestHostOptions
        {
            ConfigureHost = options => options.ParticipantLeftGrace = TimeSpan.FromSeconds(2),
        });
        var ann = new SessionCaller("ann");
        Parlour.Client parlour = await Parlour.StartAsync(host.As(ann));
        SessionSubscription tab = parlour.Subscribe();

        await Parlour.Connect(host, parlour.Id, new SessionCaller("bob")).SpeakAsync("hi");
        await tab.DisposeAsync();
        await host.AdvanceAsync(TimeSpan.FromSeconds(2));

        host.Events(parlour.Id).ShouldBe("bob: hi", "ann left");
    }
}
