using OpenQA.Selenium;

namespace SessionGen.ChatRoom.Tests;

/// <summary>What the tests read on the SessionGen dashboard (<c>/sessiongen</c>).</summary>
internal static class DashboardPage
{
    public const string RoomProcess = "ChatRoom.Room";

    /// <summary>The text of a cell of a process's row (class <c>sessions</c>, <c>rate</c>, <c>handled</c>, <c>faults</c>, <c>dead-letters</c>).</summary>
    public static string ProcessCell(IWebDriver driver, string process, string cell) =>
        driver.FindElement(By.CssSelector($"#processes tr[data-process='{process}'] td.{cell}")).Text;

    public static string Text(IWebDriver driver, string id) => driver.FindElement(By.Id(id)).Text;

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
