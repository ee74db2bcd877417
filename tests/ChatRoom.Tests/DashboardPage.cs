using OpenQA.Selenium;

namespace SessionGen.ChatRoom.Tests;

/// <summary>What the tests read on the SessionGen dashboard (<c>/sessiongen</c>).</summary>
internal static class DashboardPage
{
    public const string RoomProcess = "ChatRoom.Room";

    /// <summary>The text of a cell of a process's row (class <c>sessions</c>, <c>rate</c>, <c>handled</c>, <c>faults</c>, <c>dead-letters</c>).</summary>
    public static string ProcessCell(IWebDriver driver, string process, string cell) =>
        TextOf(driver, By.CssSelector($"#processes tr[data-process='{process}'] td.{cell}"));

    public static string Text(IWebDriver driver, string id) => TextOf(driver, By.Id(id));

    /// <summary>
    /// The text of the element <paramref name="by"/> finds. The page redraws its tables each time fresh figures arrive,
    /// so an element found a moment ago may be gone by the time its text is read (StaleElementReferenceException,
    /// seen once in CI): it is then found again, in the redrawn page.
    /// </summary>
    private static string TextOf(IWebDriver driver, By by)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return driver.FindElement(by).Text;
            }
            catch (StaleElementReferenceException) when (attempt < 10)
            {
            }
        }
    }

    /// <summary>The states the diagram draws, in the order it draws them.</summary>
    public static string[] DiagramStates(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#diagram svg g.state")).Select(static state => state.GetAttribute("data-state") ?? "").ToArray();

    /// <summary>The state the diagram marks as the session's current one, or null.</summary>
    public static string? CurrentDiagramState(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#diagram svg g.state.current")).SingleOrDefault()?.GetAttribute("data-state");

    /// <summary>The labels of the diagram's arrows.</summary>
    public static string[] DiagramLabels(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#diagram svg g.label text")).Select(static label => label.Text).ToArray();
}
