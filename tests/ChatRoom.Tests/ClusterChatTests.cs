using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;
using Xunit.Abstractions;
using static SessionGen.ChatRoom.Tests.ChatPage;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom sample as a real cluster: two processes, each an Orleans silo serving the page, over PostgreSQL
/// (membership, grain storage, reminders and the rooms). One is killed with SIGKILL, the way a crash or an
/// out-of-memory kill ends it (no shutdown code runs, its membership row still says it is alive).
/// </summary>
public sealed class ClusterChatTests(ITestOutputHelper output)
{
    // The silos probe each other every 2 s and declare one dead after two missed probes (ChatCluster.ConfigureFailureDetection):
    // about 4–6 s after the kill instead of Orleans' default of about 20 s. Not lower: on a busy 2-core machine a live
    // silo that answers late would be declared dead and stop itself.
    private const string ProbeTimeoutSeconds = "2";

    [Fact]
    public async Task Two_silos_serve_one_room_and_after_one_is_killed_the_conversation_goes_on_with_nothing_lost()
    {
        var clock = Stopwatch.StartNew();
        string postgres = await ClusterDatabase.StartAsync();
        using var files = new TemporaryDatabase(); // its directory: the sign-in keys both silos share
        string keys = Path.Combine(Path.GetDirectoryName(files.Path)!, "keys");
        // This run's own cluster (membership rows of earlier runs' killed silos are another cluster's), reminders and
        // rooms (the database outlives runs: the lobby of an earlier run would come back with its history).
        string run = Guid.NewGuid().ToString("N");

        // One after the other: the first makes the sign-in key the second reads (ChatRoomApp).
        using ChatRoomProcess first = await StartSiloAsync(files.Path, postgres, run, keys);
        using ChatRoomProcess second = await StartSiloAsync(files.Path, postgres, run, keys);
        output.WriteLine($"PostgreSQL and two silos up after {clock.Elapsed.TotalSeconds:F1} s");
        try
        {
            // Two people, each in their own browser (cookies are per host, not per port), each served by another silo.
            using var annBrowser = new HeadlessChromium();
            using var bobBrowser = new HeadlessChromium();
            IWebDriver ann = annBrowser.Driver;
            IWebDriver bob = bobBrowser.Driver;
            ann.Navigate().GoToUrl(first.Address);
            string room = Room(ann);
            Join(ann, "ann");
            WaitFor(ann, () => Members(ann).SequenceEqual(["ann"]), "ann is in the room");
            bob.Navigate().GoToUrl(second.Address);
            Assert.Equal(room, Room(bob));
            Join(bob, "bob");
            WaitFor(ann, () => Members(ann).SequenceEqual(["ann", "bob"]), "ann sees bob join");

            string[] before = ["ann: hello from the first silo", "bob: hello from the second silo", "ann: both of us see both"];
            Say(ann, "hello from the first silo");
            WaitFor(bob, () => Messages(bob).SequenceEqual(before[..1]), "bob sees ann's message");
            Say(bob, "hello from the second silo");
            WaitFor(ann, () => Messages(ann).SequenceEqual(before[..2]), "ann sees bob's message");
            Say(ann, "both of us see both");
            WaitFor(bob, () => Messages(bob).SequenceEqual(before), "bob sees ann's second message");

            // Kill the silo that runs the room (the harder case: the room must be loaded from the store on the other one).
            bool roomOnFirst = await RunsSessionsAsync(first);
            Assert.True(roomOnFirst ^ await RunsSessionsAsync(second), "exactly one silo runs the room");
            (ChatRoomProcess victim, ChatRoomProcess survivor) = roomOnFirst ? (first, second) : (second, first);
            (IWebDriver orphaned, IWebDriver staying, string orphanedName, string stayingName) =
                roomOnFirst ? (ann, bob, "ann", "bob") : (bob, ann, "bob", "ann");
            output.WriteLine($"killing the {(roomOnFirst ? "first" : "second")} silo after {clock.Elapsed.TotalSeconds:F1} s");
            victim.Kill();

            // At once, before the cluster knows the silo is dead: the message waits (retried) and posts once.
            var afterKill = Stopwatch.StartNew();
            Say(staying, "said right after the kill");
            string[] during = [.. before, $"{stayingName}: said right after the kill"];
            WaitFor(staying, () => Messages(staying).SequenceEqual(during), "the survivor's tab sees its message posted once");
            output.WriteLine($"the first message after the kill showed {afterKill.Elapsed.TotalSeconds:F1} s after it");
            Say(staying, "and the room goes on");
            string[] after = [.. during, $"{stayingName}: and the room goes on"];
            WaitFor(staying, () => Messages(staying).SequenceEqual(after), "the survivor's tab goes on");

            // The other user reopens the page on the surviving silo: the cookie of the dead one signs them in there too.
            orphaned.Navigate().GoToUrl(survivor.Address);
            Assert.Equal(room, Room(orphaned));
            WaitFor(orphaned, () => Messages(orphaned).SequenceEqual(after), "the reopened tab shows the whole history, each message once, in order");
            Join(orphaned, orphanedName);
            WaitFor(orphaned, () => Members(orphaned).Contains(orphanedName), $"{orphanedName} is in the room again");
            Say(orphaned, "back, on the other silo");
            string[] all = [.. after, $"{orphanedName}: back, on the other silo"];
            WaitFor(staying, () => Messages(staying).SequenceEqual(all), "the survivor's tab hears the returning user");
            WaitFor(orphaned, () => Messages(orphaned).SequenceEqual(all), "the returning user's tab shows everything once");
            output.WriteLine($"done after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            ShowOutput("first silo", first);
            ShowOutput("second silo", second);
        }
    }

    private void ShowOutput(string name, ChatRoomProcess silo)
    {
        output.WriteLine($"--- {name} (last 200 lines) ---");
        foreach (string line in silo.Output.TakeLast(200))
        {
            output.WriteLine(line);
        }
    }

    private static Task<ChatRoomProcess> StartSiloAsync(string database, string postgres, string run, string keys) =>
        ChatRoomProcess.StartAsync(
            database,
            "--cluster", postgres,
            "--cluster-id", "test-" + run,
            "--service-id", "test-" + run,
            "--store-schema", "chatroom_test_" + run,
            "--silo-port", ClusterDatabase.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", ClusterDatabase.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--keys", keys,
            "--probe-timeout", ProbeTimeoutSeconds);

    /// <summary>The chat lines of the page (not its notes such as "bob joined").</summary>
    private static string[] Messages(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#messages li.message")).Select(static item => item.Text).ToArray();

    /// <summary>Whether the silo runs a session now: its dashboard shows its own host's sessions.</summary>
    private static async Task<bool> RunsSessionsAsync(ChatRoomProcess silo)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.Address), Timeout = TimeSpan.FromSeconds(30) };
        using JsonDocument snapshot = JsonDocument.Parse(await http.GetStringAsync("/sessiongen/snapshot"));
        return snapshot.RootElement.GetProperty("sessionCount").GetInt32() > 0;
    }
}
