using System.Drawing;
using System.Reflection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using static SessionGen.ChatRoom.Tests.ChatPage;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom sample in headless Chromium: two tabs are two participants of the lobby room. Every wait is on a
/// condition (WebDriverWait), with a generous guard, never a sleep.
/// </summary>
public sealed class ChatRoomBrowserTests
{
    [Fact]
    public async Task Two_tabs_join_one_room_see_each_others_messages_and_leave_and_the_room_closes_when_idle()
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using var browser = new HeadlessChromium();
        ChromeDriver driver = browser.Driver;

        driver.Navigate().GoToUrl(server.Address);
        string annTab = driver.CurrentWindowHandle;
        Join(driver, "ann");
        WaitFor(driver, () => Members(driver).SequenceEqual(["ann"]), "ann sees herself in the room");

        driver.SwitchTo().NewWindow(WindowType.Tab);
        string bobTab = driver.CurrentWindowHandle;
        driver.Navigate().GoToUrl(server.Address);
        Join(driver, "ann");
        WaitFor(driver, () => driver.FindElement(By.Id("join-error")).Text.Contains("already in the room", StringComparison.Ordinal), "a taken name is refused");
        Join(driver, "bob");
        WaitFor(driver, () => Members(driver).SequenceEqual(["ann", "bob"]), "bob sees ann and himself");
        Say(driver, "hi ann, it's bob");

        driver.SwitchTo().Window(annTab);
        WaitFor(driver, () => Lines(driver).Contains("bob joined"), "ann sees bob join");
        WaitFor(driver, () => Lines(driver).Contains("bob: hi ann, it's bob"), "ann sees bob's message");
        Say(driver, "hello bob");
        driver.SwitchTo().Window(bobTab);
        WaitFor(driver, () => Lines(driver).Contains("ann: hello bob"), "bob sees ann's answer");

        SaveScreenshotOfBothTabs(driver, annTab, bobTab);

        driver.SwitchTo().Window(bobTab);
        driver.Close();
        driver.SwitchTo().Window(annTab);
        WaitFor(driver, () => Lines(driver).Contains("bob left"), "ann sees bob leave when his tab closes");
        WaitFor(driver, () => Members(driver).SequenceEqual(["ann"]), "bob is gone from the member list");

        // Nobody writes for the room's idle timeout: it closes itself and the page says so.
        server.Time.Advance(TimeSpan.FromMinutes(global::ChatRoom.Room.IdleMinutes));
        WaitFor(driver, () => Lines(driver).Any(line => line.StartsWith("Room closed: nobody wrote for", StringComparison.Ordinal)), "the idle room closes");
        WaitFor(driver, () => Lines(driver).Contains("The room has ended."), "the event stream ends with the room");
        Assert.False(driver.FindElement(By.Id("send")).Enabled);
    }

    /// <summary>
    /// One picture of both tabs side by side (docs/chatroom.png): each tab's screenshot, laid out by the browser
    /// itself in a third tab. Written beside the test binaries; copied to docs/ when SESSIONGEN_UPDATE_SCREENSHOT=1.
    /// </summary>
    private static void SaveScreenshotOfBothTabs(ChromeDriver driver, string annTab, string bobTab)
    {
        driver.SwitchTo().Window(annTab);
        string ann = driver.GetScreenshot().AsBase64EncodedString;
        driver.SwitchTo().Window(bobTab);
        string bob = driver.GetScreenshot().AsBase64EncodedString;

        driver.SwitchTo().NewWindow(WindowType.Tab);
        driver.Manage().Window.Size = new Size(1880, 760);
        driver.ExecuteScript(
            """
            document.body.style.cssText = "margin:0;padding:16px;background:#cfd6e2;font:15px system-ui;display:flex;gap:16px";
            for (const [title, image] of [["Tab 1: ann", arguments[0]], ["Tab 2: bob", arguments[1]]]) {
              const figure = document.createElement("figure");
              figure.style.cssText = "margin:0";
              figure.innerHTML = `<figcaption style="margin-bottom:6px">${title}</figcaption><img style="border:1px solid #8a94a6;display:block" src="data:image/png;base64,${image}">`;
              document.body.append(figure);
            }
            """,
            ann,
            bob);
        WaitFor(driver, () => driver.ExecuteScript("return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)") is true, "the screenshots are laid out");
        Screenshot both = driver.GetScreenshot();
        string local = Path.Combine(AppContext.BaseDirectory, "chatroom.png");
        both.SaveAsFile(local);
        if (Environment.GetEnvironmentVariable("SESSIONGEN_UPDATE_SCREENSHOT") == "1")
        {
            File.Copy(local, Path.Combine(RepositoryRoot(), "docs", "chatroom.png"), overwrite: true);
        }

        driver.Close();
    }

    private static string RepositoryRoot()
    {
        string project = typeof(ChatRoomBrowserTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(static attribute => attribute.Key == "ProjectDirectory").Value!;
        return Path.GetFullPath(Path.Combine(project, "..", ".."));
    }
}
