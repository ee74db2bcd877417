using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Proto;
using SessionGen;
using SessionGen.OneWayHarness;
using SessionGen.RequestResponseHarness;

// A Stopwatch harness for the one-way fan-out (issue 16): wall-clock msg/s, process CPU ns per message, thread pool
// threads and bytes allocated per message, for each target kind; and the producer threads' own CPU per message
// (CLOCK_THREAD_CPUTIME_ID), which idle thread-pool spinning does not move. Usage: OneWayHarness [rounds] [kinds...]
int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
string[] kinds = args.Length > 1 ? args[1..] : ["channel", "sessiongen", "sessiongen-prealloc", "akka", "proto"];
var done = new Countdown();
Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, cores {Environment.ProcessorCount}, load {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (string kind in kinds)
{
    (Action<int> produce, Func<Task> stop) = kind switch
    {
        "channel" => StartChannels(done),
        "sessiongen" => await StartSessions(done, preallocated: false),
        "sessiongen-prealloc" => await StartSessions(done, preallocated: true),
        "akka" => StartAkka(done),
        "proto" => StartProto(done),
        _ => throw new ArgumentException(kind),
    };

    Measure(kind, produce, done, warmups: 3, rounds);
    await stop();
}

static void Measure(string kind, Action<int> produce, Countdown done, int warmups, int rounds)
{
    var samples = new List<(double MsgPerSecond, double CpuNs, double Bytes, int Threads, double ProducerBytes, double WorkItems, double ProducerCpuNs)>();
    for (int r = 0; r < warmups + rounds; r++)
    {
        Task handled = done.Reset(Workload.Targets);
        long producerBytes = 0;
        long producerCpu = 0;
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        long workItems = ThreadPool.CompletedWorkItemCount;
        long start = Stopwatch.GetTimestamp();
        var producers = new Thread[Workload.Producers];
        for (int p = 0; p < producers.Length; p++)
        {
            int producer = p;
            producers[p] = new Thread(() =>
            {
                long mine = GC.GetAllocatedBytesForCurrentThread();
                long cpuBefore = ThreadCpu.Nanoseconds();
                produce(producer);
                Interlocked.Add(ref producerCpu, ThreadCpu.Nanoseconds() - cpuBefore);
                Interlocked.Add(ref producerBytes, GC.GetAllocatedBytesForCurrentThread() - mine);
            });
            producers[p].Start();
        }

        foreach (Thread t in producers)
        {
            t.Join();
        }

        handled.GetAwaiter().GetResult();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpuNs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / Workload.Total;
        double perMessage = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)Workload.Total;
        // Thread-pool work items per message: how often a target had to be woken (each is a queue and a dequeue).
        double itemsPerMessage = (ThreadPool.CompletedWorkItemCount - workItems) / (double)Workload.Total;
        if (r >= warmups)
        {
            samples.Add((Workload.Total / seconds, cpuNs, perMessage, ThreadPool.ThreadCount, producerBytes / (double)Workload.Total, itemsPerMessage, producerCpu / (double)Workload.Total));
        }
    }

    samples.Sort((a, b) => a.MsgPerSecond.CompareTo(b.MsgPerSecond));
    var median = samples[samples.Count / 2];
    samples.Sort((a, b) => a.CpuNs.CompareTo(b.CpuNs));
    var cpuMedian = samples[samples.Count / 2];
    samples.Sort((a, b) => a.ProducerCpuNs.CompareTo(b.ProducerCpuNs));
    double producerCpuMedian = samples[samples.Count / 2].ProducerCpuNs;
    Console.WriteLine($"{kind,-19} median {median.MsgPerSecond / 1e6,6:F2} M msg/s  CPU {cpuMedian.CpuNs,6:F1} ns/msg (producers {producerCpuMedian,5:F1})  {median.Bytes,5:F1} B/msg ({median.ProducerBytes:F1} B by producers)  pool threads {samples.Max(s => s.Threads)}  work items {cpuMedian.WorkItems:F3}/msg  (best {samples.Max(s => s.MsgPerSecond) / 1e6:F2} M, min CPU {samples.Min(s => s.CpuNs):F1} ns)");
}

static (Action<int>, Func<Task>) StartChannels(Countdown done)
{
    var targets = new ChannelCounter[Workload.Targets];
    for (int i = 0; i < targets.Length; i++)
    {
        targets[i] = new ChannelCounter(done);
    }

    return (_ =>
    {
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (ChannelCounter target in targets)
            {
                target.Writer.TryWrite(round);
            }
        }
    }, () => Task.WhenAll(targets.Select(t => t.StopAsync())));
}

// preallocated: one message record made once and posted through the generated operation's public Post, as the
// peers post a preallocated message; otherwise the generated client's PostAdd, which makes a record per post.
static async Task<(Action<int>, Func<Task>)> StartSessions(Countdown done, bool preallocated)
{
    var host = new SessionHost();
    var targets = new CounterSession.Client[Workload.Targets];
    for (int i = 0; i < targets.Length; i++)
    {
        targets[i] = await CounterSession.StartAsync(host, done);
    }

    if (preallocated)
    {
        var add = CounterSession.SessionDefinition.AddOperation;
        var message = new CounterSession.Messages.Add(1);
        return (_ =>
        {
            for (int round = 0; round < Workload.RoundsPerProducer; round++)
            {
                foreach (CounterSession.Client target in targets)
                {
                    if (!add.Post(target, message))
                    {
                        throw new InvalidOperationException("refused");
                    }
                }
            }
        }, () => host.DisposeAsync().AsTask());
    }

    return (_ =>
    {
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (CounterSession.Client target in targets)
            {
                if (!target.PostAdd(round))
                {
                    throw new InvalidOperationException("refused");
                }
            }
        }
    }, () => host.DisposeAsync().AsTask());
}

static (Action<int>, Func<Task>) StartAkka(Countdown done)
{
    var system = Akka.Actor.ActorSystem.Create("harness", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
    Akka.Actor.Props props = Akka.Actor.Props.Create(() => new AkkaCounter(done));
    var targets = new IActorRef[Workload.Targets];
    for (int i = 0; i < targets.Length; i++)
    {
        targets[i] = system.ActorOf(props);
    }

    var message = new Add(1);
    return (_ =>
    {
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (IActorRef target in targets)
            {
                target.Tell(message, ActorRefs.NoSender);
            }
        }
    }, () => system.Terminate());
}

static (Action<int>, Func<Task>) StartProto(Countdown done)
{
    var system = new Proto.ActorSystem();
    Proto.Props props = Proto.Props.FromProducer(() => new ProtoCounter(done));
    var targets = new PID[Workload.Targets];
    for (int i = 0; i < targets.Length; i++)
    {
        targets[i] = system.Root.Spawn(props);
    }

    var message = new Add(1);
    IRootContext root = system.Root;
    return (_ =>
    {
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (PID target in targets)
            {
                root.Send(target, message);
            }
        }
    }, () => system.ShutdownAsync());
}
