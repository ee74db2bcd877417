using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace SessionGen.ChatRoom.Tests;

/// <summary>What the tests do on the ChatRoom page, and how they wait: on a condition (WebDriverWait) with a generous guard, never a sleep.</summary>
internal static class ChatPage
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static void Join(IWebDriver driver, string name)
    {
        WaitFor(driver, () => driver.FindElement(By.Id("room")).Text.StartsWith("room ", StringComparison.Ordinal), "the page found the lobby room");
        IWebElement input = driver.FindElement(By.Id("name"));
        input.Clear();
        input.SendKeys(name);
        driver.FindElement(By.Id("join")).Click();
    }

    public static void Say(IWebDriver driver, string text)
    {
        WaitFor(driver, () => driver.FindElement(By.Id("text")).Displayed, "the chat is shown");
        driver.FindElement(By.Id("text")).SendKeys(text);
        driver.FindElement(By.Id("send")).Click();
    }

    public static string[] Members(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#members li")).Select(static item => item.Text).ToArray();

    public static string[] Lines(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#messages li")).Select(static item => item.Text).ToArray();

    public static void WaitFor(IWebDriver driver, Func<bool> condition, string what)
    {
        var wait = new WebDriverWait(driver, Guard) { Message = $"Timed out waiting until {what}" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(_ => condition());
    }

    /// <summary>The room the page shows, <c>room {id}</c>, once it has found it.</summary>
    public static string Room(IWebDriver driver)
    {
        WaitFor(driver, () => driver.FindElement(By.Id("room")).Text.StartsWith("room ", StringComparison.Ordinal), "the page found the lobby room");
        return driver.FindElement(By.Id("room")).Text;
    }
}
