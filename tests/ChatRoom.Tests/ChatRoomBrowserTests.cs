using System.Drawing;
using System.Reflection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using static SessionGen.ChatRoom.Tests.ChatPage;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom sample in headless Chromium: two browsers (two chromedriver sessions, so two cookie jars) signed in as
/// two people in the lobby room. Every wait is on a condition (WebDriverWait), with a generous guard, never a sleep.
/// </summary>
public sealed class ChatRoomBrowserTests
{
    [Fact]
    public async Task Two_users_see_each_others_messages_only_their_own_welcome_and_each_other_leave_and_the_room_closes_when_idle()
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using var annBrowser = new HeadlessChromium();
        using var bobBrowser = new HeadlessChromium();
        ChromeDriver ann = annBrowser.Driver;
        ChromeDriver bob = bobBrowser.Driver;

        ann.Navigate().GoToUrl(server.Address);
        Join(ann, "ann");
        WaitFor(ann, () => Members(ann).SequenceEqual(["ann"]), "ann sees herself in the room");
        WaitFor(ann, () => Lines(ann).Contains("Welcome, ann!"), "ann is welcomed");

        bob.Navigate().GoToUrl(server.Address);
        Join(bob, "ann");
        WaitFor(bob, () => bob.FindElement(By.Id("join-error")).Text.Contains("already in the room", StringComparison.Ordinal), "a name in use by someone else is refused");
        Join(bob, "bob");
        WaitFor(bob, () => Members(bob).SequenceEqual(["ann", "bob"]), "bob sees ann and himself");
        WaitFor(bob, () => Lines(bob).Contains("Welcome, bob!"), "bob is welcomed");
        Say(bob, "hi ann, it's bob");

        WaitFor(ann, () => Lines(ann).Contains("bob joined"), "ann sees bob join");
        WaitFor(ann, () => Lines(ann).Contains("bob: hi ann, it's bob"), "ann sees bob's message");
        Say(ann, "hello bob");
        WaitFor(bob, () => Lines(bob).Contains("ann: hello bob"), "bob sees ann's answer");

        // Welcome is private (EmitTo the caller): had ann's stream carried bob's, her page would have redrawn as his.
        Assert.DoesNotContain("Welcome, bob!", Lines(ann));
        Assert.DoesNotContain("Welcome, ann!", Lines(bob));
        Assert.Equal(["ann: hello bob"], Lines(bob).Where(static line => line.StartsWith("ann:", StringComparison.Ordinal)));

        SaveScreenshotOfBoth(ann, bob);

        // Bob's browser goes away without a word: once his stream has been gone for the grace period, he has left.
        bobBrowser.Dispose();
        WaitFor(
            ann,
            () =>
            {
                server.Time.Advance(ChatRoomServer.ParticipantLeftGrace); // moves only the room's clock, while waiting for what ann sees
                return Lines(ann).Contains("bob left");
            },
            "ann sees bob leave when his browser closes");
        WaitFor(ann, () => Members(ann).SequenceEqual(["ann"]), "bob is gone from the member list");

        // Nobody writes for the room's idle timeout: it closes itself and the page says so.
        server.Time.Advance(TimeSpan.FromMinutes(global::ChatRoom.Room.IdleMinutes));
        WaitFor(ann, () => Lines(ann).Any(line => line.StartsWith("Room closed: nobody wrote for", StringComparison.Ordinal)), "the idle room closes");
        WaitFor(ann, () => Lines(ann).Contains("The room has ended."), "the event stream ends with the room");
        Assert.False(ann.FindElement(By.Id("send")).Enabled);
    }

    /// <summary>
    /// One picture of both browsers side by side (docs/chatroom.png): each one's screenshot, laid out by ann's browser
    /// in a new tab. Written beside the test binaries; copied to docs/ when SESSIONGEN_UPDATE_SCREENSHOT=1.
    /// </summary>
    private static void SaveScreenshotOfBoth(ChromeDriver ann, ChromeDriver bob)
    {
        string annShot = ann.GetScreenshot().AsBase64EncodedString;
        string bobShot = bob.GetScreenshot().AsBase64EncodedString;
        string annTab = ann.CurrentWindowHandle;

        ann.SwitchTo().NewWindow(WindowType.Tab);
        ann.Manage().Window.Size = new Size(1880, 760);
        ann.ExecuteScript(
            """
            document.body.style.cssText = "margin:0;padding:16px;background:#cfd6e2;font:15px system-ui;display:flex;gap:16px";
            for (const [title, image] of [["ann's browser", arguments[0]], ["bob's browser", arguments[1]]]) {
              const figure = document.createElement("figure");
              figure.style.cssText = "margin:0";
              figure.innerHTML = `<figcaption style="margin-bottom:6px">${title}</figcaption><img style="border:1px solid #8a94a6;display:block" src="data:image/png;base64,${image}">`;
              document.body.append(figure);
            }
            """,
            annShot,
            bobShot);
        WaitFor(ann, () => ann.ExecuteScript("return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)") is true, "the screenshots are laid out");
        Screenshot both = ann.GetScreenshot();
        string local = Path.Combine(AppContext.BaseDirectory, "chatroom.png");
        both.SaveAsFile(local);
        if (Environment.GetEnvironmentVariable("SESSIONGEN_UPDATE_SCREENSHOT") == "1")
        {
            File.Copy(local, Path.Combine(RepositoryRoot(), "docs", "chatroom.png"), overwrite: true);
        }

        ann.Close();
        ann.SwitchTo().Window(annTab);
    }

    private static string RepositoryRoot()
    {
        string project = typeof(ChatRoomBrowserTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(static attribute => attribute.Key == "ProjectDirectory").Value!;
        return Path.GetFullPath(Path.Combine(project, "..", ".."));
    }
}
