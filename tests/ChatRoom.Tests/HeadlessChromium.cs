using OpenQA.Selenium.Chrome;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// Debian's chromium driven through Debian's chromedriver (apt-get install chromium chromium-driver; .ci/run does
/// it): both paths are given, so Selenium never tries to download a browser or a driver.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private const string DriverDirectory = "/usr/bin";
    private const string DriverFile = "chromedriver";
    private const string Browser = "/usr/bin/chromium";

    private readonly string profile = Directory.CreateTempSubdirectory("sessiongen-chromium-").FullName;

    public HeadlessChromium()
    {
        Assert.True(File.Exists(Path.Combine(DriverDirectory, DriverFile)), "chromedriver is missing: apt-get install -y chromium chromium-driver");
        Assert.True(File.Exists(Browser), "chromium is missing: apt-get install -y chromium chromium-driver");
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=900,640",
            $"--user-data-dir={profile}");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    private bool disposed;

    public void Dispose()
    {
        // A test may close one browser early (a user going away) and then dispose it again at its end.
        if (disposed)
        {
            return;
        }

        disposed = true;
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // The browser may still hold a file for a moment; the temp folder is the system's to clean.
        }
    }
}
