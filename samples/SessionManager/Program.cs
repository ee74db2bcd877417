using SessionGen;
using SessionManagerSample;

// Runs the seed scenario on the real clock: the welcome timeouts take 500 ms. The SessionManager is durable; here
// its turns go to an in-memory store (tests/Crash.Tests runs it over a SQLite file and kills the process).
await using var host = new SessionHost(SessionManagerHost.Options());
await SeedScenario.RunAsync(host, Console.Out);
