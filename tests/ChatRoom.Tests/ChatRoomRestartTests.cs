using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using static SessionGen.ChatRoom.Tests.ChatPage;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The rooms are kept in SQLite: an app started again on the same file serves the same lobby room with its history,
/// and the room goes on working. The app is stopped the way a service is (gracefully), or killed.
/// </summary>
public sealed class ChatRoomRestartTests
{
    [Fact]
    public async Task After_a_restart_a_freshly_loaded_page_shows_the_room_and_its_history_and_the_room_still_works()
    {
        using var database = new TemporaryDatabase();
        using var browser = new HeadlessChromium();
        ChromeDriver driver = browser.Driver;

        string room;
        await using (ChatRoomServer first = await ChatRoomServer.StartAsync(database.Path))
        {
            driver.Navigate().GoToUrl(first.Address);
            room = Room(driver);
            Join(driver, "ann");
            WaitFor(driver, () => Members(driver).SequenceEqual(["ann"]), "ann is in the room");
            Say(driver, "the first message");
            WaitFor(driver, () => Lines(driver).Contains("ann: the first message"), "the first message shows");
            Say(driver, "the second message");
            WaitFor(driver, () => Lines(driver).Contains("ann: the second message"), "the second message shows");
        }

        // The first app has stopped; the second one has never seen the room, only the file.
        await using ChatRoomServer second = await ChatRoomServer.StartAsync(database.Path);
        driver.Navigate().GoToUrl(second.Address);
        Assert.Equal(room, Room(driver));
        Assert.Equal("Lobby", driver.FindElement(By.Id("topic")).Text);
        WaitFor(driver, () => Lines(driver).SequenceEqual(["ann: the first message", "ann: the second message"]), "the history shows before joining");
        Assert.Empty(Members(driver));

        // Who was in the room is not kept: ann joins again under her name, sees the history and writes on.
        Join(driver, "ann");
        WaitFor(driver, () => Members(driver).SequenceEqual(["ann"]), "ann is in the room again");
        WaitFor(driver, () => Lines(driver).Take(2).SequenceEqual(["ann: the first message", "ann: the second message"]), "the history shows after joining");
        Say(driver, "after the restart");
        WaitFor(driver, () => Lines(driver).Contains("ann: after the restart"), "a new message posts and shows");

        // A second visitor sees all three.
        driver.SwitchTo().NewWindow(WindowType.Tab);
        driver.Navigate().GoToUrl(second.Address);
        Assert.Equal(room, Room(driver));
        WaitFor(
            driver,
            () => Lines(driver).SequenceEqual(["ann: the first message", "ann: the second message", "ann: after the restart"]),
            "a new tab shows the whole history");
    }

    [Fact]
    public async Task An_open_page_reconnects_to_the_restarted_app_joins_again_and_goes_on()
    {
        using var database = new TemporaryDatabase();
        using var browser = new HeadlessChromium();
        ChromeDriver driver = browser.Driver;

        ChatRoomServer first = await ChatRoomServer.StartAsync(database.Path);
        string address = first.Address;
        driver.Navigate().GoToUrl(address);
        Join(driver, "ann");
        Say(driver, "before the restart");
        WaitFor(driver, () => Lines(driver).Contains("ann: before the restart"), "the message shows");
        await first.DisposeAsync();

        // Same address: the page's event stream (EventSource) reconnects by itself, and the page joins again.
        await using ChatRoomServer second = await ChatRoomServer.StartAsync(database.Path, address);

        // Joined again (the cookie the first app gave still signs ann in): the Welcome redraws the stored history, then
        // the room says who joined.
        WaitFor(driver, () => Lines(driver).SequenceEqual(["ann: before the restart", "Welcome, ann!", "ann joined"]), "the page joins the restarted room again");
        Assert.True(driver.FindElement(By.Id("text")).Enabled);
        Say(driver, "after the restart");
        WaitFor(driver, () => Lines(driver).Contains("ann: after the restart"), "a message from the open page posts and shows");
    }

    [Fact]
    public async Task After_the_app_is_killed_a_restarted_app_has_every_message_the_page_showed()
    {
        using var database = new TemporaryDatabase();
        using var browser = new HeadlessChromium();
        ChromeDriver driver = browser.Driver;

        string room;
        using (ChatRoomProcess first = await ChatRoomProcess.StartAsync(database.Path))
        {
            driver.Navigate().GoToUrl(first.Address);
            room = Room(driver);
            Join(driver, "ann");
            Say(driver, "one");
            WaitFor(driver, () => Lines(driver).Contains("ann: one"), "the first message shows");
            Say(driver, "two");

            // A message the page shows was stored first (the room commits each turn before anyone hears of it).
            WaitFor(driver, () => Lines(driver).Contains("ann: two"), "both messages show");
            first.Kill();
        }

        using ChatRoomProcess second = await ChatRoomProcess.StartAsync(database.Path);
        driver.Navigate().GoToUrl(second.Address);
        Assert.Equal(room, Room(driver));
        WaitFor(driver, () => Lines(driver).SequenceEqual(["ann: one", "ann: two"]), "the history shows");
        Join(driver, "ann");
        Say(driver, "three");
        WaitFor(driver, () => Lines(driver).Contains("ann: three"), "a new message posts and shows");
    }
}
