using System.Diagnostics;
using System.Globalization;
using SessionGen;
using SessionGen.Infrastructure;
using SessionGen.Benchmarks.RequestResponse;
using SessionGen.RequestResponseHarness;

// A Stopwatch and CPU-time harness for request/response (the scenario of SessionGen.Benchmarks' RequestResponse
// SessionGenPreallocatedMessage): each caller awaits one round trip at a time to its own session, sending one message
// record made once through the generated table entry's SendAsync. Per round it measures wall ns per call, process CPU ns
// per call (all threads: the callers, the sessions' turns, the GC, the JIT), the callers' own thread CPU ns per call
// (CLOCK_THREAD_CPUTIME_ID, counted only for a loop that stayed on one thread: an idle session runs a handler that
// completes synchronously inline on its sender's thread, so one caller's loop is then the whole round trip) and bytes
// allocated per call; it prints their medians and minima over the rounds after 10 warm-ups (tiering needs them). On a loaded machine the
// minimum of the CPU times is the steadiest figure: preemption only ever adds to it (cache and TLB refills).
// Usage: RequestResponseHarness [rounds=10] [calls per caller per round=200000] [callers=1] [kind=prealloc|client]
int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
int callers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
string kind = args.Length > 3 ? args[3] : "prealloc";
const int Warmups = 10;

await using var host = new SessionHost();
var sessions = new EchoSession.Client[callers];
for (int i = 0; i < callers; i++)
{
    sessions[i] = await EchoSession.StartAsync(host);
}

SessionOperation<EchoSession, EchoSession.Messages.Echo, int> echo = EchoSession.SessionDefinition.EchoOperation;
var message = new EchoSession.Messages.Echo(41);
Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, cores {Environment.ProcessorCount}, {callers} caller(s) x {calls} calls, {kind}, load {File.ReadAllText("/proc/loadavg").Trim()}");

var samples = new List<(double WallNs, double CpuNs, double ThreadNs, double Bytes)>();
using Process self = Process.GetCurrentProcess();
for (int r = 0; r < Warmups + rounds; r++)
{
    long bytes = GC.GetTotalAllocatedBytes(precise: true);
    self.Refresh();
    TimeSpan cpu = self.TotalProcessorTime;
    long start = Stopwatch.GetTimestamp();
    var loops = new Task<long>[callers];
    for (int c = 0; c < callers; c++)
    {
        EchoSession.Client session = sessions[c];
        loops[c] = Task.Run(() => kind == "client" ? CallClient(session, calls) : CallPreallocated(echo, session, message, calls));
    }

    await Task.WhenAll(loops).ConfigureAwait(false);
    double total = (double)calls * callers;
    double wallNs = Stopwatch.GetElapsedTime(start).TotalNanoseconds / total;
    self.Refresh();
    double cpuNs = (self.TotalProcessorTime - cpu).TotalNanoseconds / total;
    double perCall = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / total;
    long[] threadNs = loops.Select(l => l.Result).ToArray();
    double threadPerCall = threadNs.Any(t => t < 0) ? double.NaN : threadNs.Sum() / total;
    if (r >= Warmups)
    {
        samples.Add((wallNs, cpuNs, threadPerCall, perCall));
    }
}

double Median(Func<(double WallNs, double CpuNs, double ThreadNs, double Bytes), double> of)
{
    double[] values = samples.Select(of).Order().ToArray();
    return values[values.Length / 2];
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"request/response wall {Median(s => s.WallNs),6:F1} (min {samples.Min(s => s.WallNs),6:F1})  process CPU {Median(s => s.CpuNs),6:F1} (min {samples.Min(s => s.CpuNs),6:F1})  thread CPU {Median(s => s.ThreadNs),6:F1} (min {samples.Min(s => s.ThreadNs),6:F1}) ns/call  {Median(s => s.Bytes),4:F1} B/call  load {File.ReadAllText("/proc/loadavg").Trim()}"));

// Each loop returns its thread's CPU time, or -1 when it moved to another thread (a call completed asynchronously).
static async Task<long> CallPreallocated(SessionOperation<EchoSession, EchoSession.Messages.Echo, int> echo, EchoSession.Client session, EchoSession.Messages.Echo message, int calls)
{
    int thread = Environment.CurrentManagedThreadId;
    long cpu = ThreadCpu.Nanoseconds();
    int sum = 0;
    for (int i = 0; i < calls; i++)
    {
        sum += await echo.SendAsync(session, message, default).ConfigureAwait(false);
    }

    GC.KeepAlive(sum);
    return Environment.CurrentManagedThreadId == thread ? ThreadCpu.Nanoseconds() - cpu : -1;
}

static async Task<long> CallClient(EchoSession.Client session, int calls)
{
    int thread = Environment.CurrentManagedThreadId;
    long cpu = ThreadCpu.Nanoseconds();
    int sum = 0;
    for (int i = 0; i < calls; i++)
    {
        sum += await session.EchoAsync(i).ConfigureAwait(false);
    }

    GC.KeepAlive(sum);
    return Environment.CurrentManagedThreadId == thread ? ThreadCpu.Nanoseconds() - cpu : -1;
}
