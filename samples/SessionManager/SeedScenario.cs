using SessionGen;

namespace SessionManagerSample;

/// <summary>
/// The seed document's conversation, step by step. Every step awaits its handler, so the output is the same
/// on every run (the end-to-end and Native AOT tests compare it).
/// </summary>
public static class SeedScenario
{
    public static async Task RunAsync(SessionHost host, TextWriter output, Func<TimeSpan, Task>? letTimePass = null)
    {
        output.WriteLine("SessionGen: the seed's SessionManager");
        SessionManager.Client review = await SessionManager.StartAsync(host, "design-review", ["ann"]);
        output.WriteLine("-> Initialize(\"design-review\", [ann])");

        await using var ann = new Participant("ann", review, output);
        await using var bob = new Participant("bob", review, output);
        await using var carol = new Participant("carol", review, output);
        Participant[] everyone = [ann, bob, carol];

        await Step(output, "Join(\"bob\")", async () => await review.JoinAsync("bob"), everyone);
        await Step(output, "Join(\"carol\")", async () => await review.JoinAsync("carol"), everyone);
        await Step(output, "Join(\"bob\") again", async () => await review.JoinAsync("bob"), everyone);

        output.WriteLine("   (500 ms later the welcome timeouts fire)");
        if (letTimePass is not null)
        {
            await letTimePass(TimeSpan.FromMilliseconds(500));
        }

        await bob.PrintUntilAsync(static payload => payload is Message);
        await carol.PrintUntilAsync(static payload => payload is Message);

        await Step(output, "Leave(\"dave\")", async () => { await review.LeaveAsync("dave"); return "done"; }, everyone);
        await Step(output, "Leave(\"bob\")", async () => { await review.LeaveAsync("bob"); return "done"; }, everyone);
        await Step(output, "Leave(\"carol\")", async () => { await review.LeaveAsync("carol"); return "done"; }, everyone);
        output.WriteLine("-> Leave(\"ann\"): the last participant leaves, so the session ends");
        await review.LeaveAsync("ann");
        foreach (Participant participant in everyone)
        {
            await participant.PrintToEndAsync();
        }

        try
        {
            await review.JoinAsync("erin");
        }
        catch (SessionNotFoundException)
        {
            output.WriteLine("-> Join(\"erin\") = SessionNotFoundException: the session has ended");
        }
    }

    private static async Task Step<T>(TextWriter output, string call, Func<Task<T>> send, Participant[] everyone)
    {
        T result = await send();
        output.WriteLine($"-> {call} = {result}");
        foreach (Participant participant in everyone)
        {
            participant.PrintReceived();
        }
    }
}
