using Microsoft.Extensions.Time.Testing;
using SessionManagerSample;

namespace SessionGen.EndToEnd.Tests;

/// <summary>
/// The seed document's scenario as the sample runs it. The SessionManager's behaviour is tested with the test kit, as the
/// example of SessionGen.Testing: tests/Testing.Tests/SeedSessionManager.
/// </summary>
public sealed class SeedScenarioTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_sample_prints_the_whole_conversation()
    {
        var time = new FakeTimeProvider();
        await using var host = new SessionHost(SessionManagerHost.Options(time: time));
        var output = new StringWriter { NewLine = "\n" };

        await SeedScenario.RunAsync(host, output, delay => { time.Advance(delay); return Task.CompletedTask; }).WaitAsync(Guard);

        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ExpectedSampleOutput.txt")).ReplaceLineEndings("\n");
        Assert.Equal(expected, output.ToString());
    }
}
