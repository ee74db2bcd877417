using SessionGen;
using SessionManagerSample;

// Runs the seed scenario on the real clock: the welcome timeouts take 500 ms.
await using var host = new SessionHost();
await SeedScenario.RunAsync(host, Console.Out);
