using System.Drawing;
using System.Globalization;
using System.Reflection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using static SessionGen.ChatRoom.Tests.ChatPage;
using static SessionGen.ChatRoom.Tests.DashboardPage;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The SessionGen dashboard of the ChatRoom sample in headless Chromium, opened while someone chats in another tab.
/// Every wait is on a condition of the page, with a generous guard, never a sleep.
/// </summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task The_dashboard_shows_the_room_its_protocol_state_and_diagram_while_someone_chats()
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using var browser = new HeadlessChromium();
        ChromeDriver driver = browser.Driver;

        driver.Navigate().GoToUrl(server.Address);
        string chatTab = driver.CurrentWindowHandle;
        string room = Room(driver)["room ".Length..];
        Join(driver, "ann");
        WaitFor(driver, () => Members(driver).SequenceEqual(["ann"]), "ann is in the room");

        driver.SwitchTo().NewWindow(WindowType.Tab);
        string dashboardTab = driver.CurrentWindowHandle;
        driver.Manage().Window.Size = new Size(1280, 860);
        driver.Navigate().GoToUrl(server.Address + "/sessiongen");
        WaitFor(driver, () => ProcessCell(driver, RoomProcess, "sessions") == "1", "the dashboard lists the room process with its session");
        WaitFor(driver, () => Text(driver, "session-id") == room, "the room's session is the one shown");
        Assert.Equal("Quiet", Text(driver, "session-state")); // nobody has said anything yet
        WaitFor(driver, () => CurrentDiagramState(driver) == "Quiet", "the diagram marks the quiet state");
        Assert.Equal(["Quiet", "Chatting"], DiagramStates(driver));
        Assert.Contains("Say", DiagramLabels(driver));
        WaitFor(driver, () => Text(driver, "session-subscribers") == "1", "ann's event stream is the room's one subscriber");
        Assert.Equal("0", Text(driver, "session-queue"));
        Assert.Equal("0", Text(driver, "session-timeouts"));

        driver.SwitchTo().Window(chatTab);
        foreach (string text in new[] { "hello", "is anyone here?", "I'll wait" })
        {
            Say(driver, text);
            WaitFor(driver, () => Lines(driver).Contains("ann: " + text), $"ann sees \"{text}\"");
        }

        // The rate is measured on the app's clock, which is fake here: a second passes when the test says so.
        server.Time.Advance(TimeSpan.FromSeconds(1));
        driver.SwitchTo().Window(dashboardTab);
        WaitFor(driver, () => Text(driver, "session-state") == "Chatting", "the dashboard shows the room chatting");
        WaitFor(driver, () => CurrentDiagramState(driver) == "Chatting", "the diagram marks the chatting state");
        WaitFor(driver, () => double.Parse(ProcessCell(driver, RoomProcess, "rate"), CultureInfo.InvariantCulture) > 0, "messages per second show the chat");
        Assert.Equal("0", ProcessCell(driver, RoomProcess, "faults"));
        Assert.Equal("0", ProcessCell(driver, RoomProcess, "dead-letters"));
        Assert.StartsWith("live", Text(driver, "status"), StringComparison.Ordinal);

        SaveScreenshot(driver);
    }

    /// <summary>The dashboard as a user sees it (docs/dashboard.png): written beside the test binaries; copied to docs/ when SESSIONGEN_UPDATE_SCREENSHOT=1.</summary>
    private static void SaveScreenshot(ChromeDriver driver)
    {
        string local = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        driver.GetScreenshot().SaveAsFile(local);
        if (Environment.GetEnvironmentVariable("SESSIONGEN_UPDATE_SCREENSHOT") == "1")
        {
            string project = typeof(DashboardBrowserTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(static attribute => attribute.Key == "ProjectDirectory").Value!;
            File.Copy(local, Path.Combine(project, "..", "..", "docs", "dashboard.png"), overwrite: true);
        }
    }
}
