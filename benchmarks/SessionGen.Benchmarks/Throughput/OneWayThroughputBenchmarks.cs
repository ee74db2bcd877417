using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Proto;
using SessionGen.Benchmarks.Infrastructure;
using AkkaProps = Akka.Actor.Props;
using AkkaSystem = Akka.Actor.ActorSystem;
using ProtoProps = Proto.Props;
using ProtoSystem = Proto.ActorSystem;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>
/// (b) One-way throughput: 1,000 sessions or actors, 1,000 messages each, sent by 2 producer threads at once, round
/// robin over the targets; an invocation ends when every target has handled its 1,000 (each signals a shared
/// countdown). One operation is one message, so Mean is the time per message and Msg/s its inverse.
/// Every peer is written as its experts write a hot path (issue 16): one message object made once per producer, the
/// library's cheapest dispatch, no sender. <see cref="SessionGenPreallocated"/> is SessionGen's like-for-like row (one
/// message record made once, through the generated <c>SessionDefinition.AddOperation.Post</c>);
/// <see cref="SessionGen"/> sends with the generated one-way <c>PostAdd(value)</c>, which makes a record per message;
/// <see cref="SessionGenAwaitAll"/> sends with the awaited <c>AddAsync</c> and awaits every returned <c>ValueTask</c> at the end.
/// Each invocation is bracketed by <see cref="CpuMeter"/>, for the CPU/op column.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class OneWayThroughputBenchmarks
{
    private readonly Countdown done = new();
    private readonly CountMessage[] peerMessages = [.. Enumerable.Range(0, Workload.Producers).Select(p => new CountMessage(p + 1))];
    private CounterSession.Messages.Add[] sessionMessages = [];
    private SessionHost? host;
    private CounterSession.Client[] sessions = [];
    private ValueTask[][] pending = [];
    private ChannelCounter[] channels = [];
    private AkkaSystem? akka;
    private IActorRef[] akkaActors = [];
    private ProtoSystem? proto;
    private PID[] protoActors = [];

    /// <summary>Starts 1,000 sessions.</summary>
    [GlobalSetup(Targets = [nameof(SessionGen), nameof(SessionGenPreallocated), nameof(SessionGenAwaitAll)])]
    public void SetupSessionGen()
    {
        sessionMessages = [.. Enumerable.Range(0, Workload.Producers).Select(p => new CounterSession.Messages.Add(p + 1))];
        host = new SessionHost();
        sessions = new CounterSession.Client[Workload.Targets];
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = CounterSession.StartAsync(host, done).AsTask().GetAwaiter().GetResult();
        }

        pending = new ValueTask[Workload.Producers][];
        for (int p = 0; p < pending.Length; p++)
        {
            pending[p] = new ValueTask[Workload.RoundsPerProducer * Workload.Targets];
        }
    }

    /// <summary>Starts 1,000 channel readers.</summary>
    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        channels = new ChannelCounter[Workload.Targets];
        for (int i = 0; i < channels.Length; i++)
        {
            channels[i] = new ChannelCounter(done);
        }
    }

    /// <summary>Starts 1,000 Akka.NET actors.</summary>
    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetupAkka()
    {
        akka = AkkaSystems.Create("throughput");
        AkkaProps props = AkkaProps.Create(() => new AkkaCounterActor(done));
        akkaActors = new IActorRef[Workload.Targets];
        for (int i = 0; i < akkaActors.Length; i++)
        {
            akkaActors[i] = akka.ActorOf(props);
        }
    }

    /// <summary>Starts 1,000 Proto.Actor actors.</summary>
    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetupProto()
    {
        proto = new ProtoSystem();
        ProtoProps props = ProtoProps.FromProducer(() => new ProtoCounterActor(done));
        protoActors = new PID[Workload.Targets];
        for (int i = 0; i < protoActors.Length; i++)
        {
            protoActors[i] = proto.Root.Spawn(props);
        }
    }

    /// <summary>Writes this iteration's CPU time and pool size for the CPU/op and Pool threads columns.</summary>
    [IterationCleanup]
    public void ReportCpu() => CpuMeter.Report();

    /// <summary>Stops whatever setup started.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (ChannelCounter channel in channels)
        {
            channel.StopAsync().GetAwaiter().GetResult();
        }

        if (akka is not null)
        {
            AkkaSystems.Stop(akka);
        }

        proto?.ShutdownAsync().GetAwaiter().GetResult();
    }

    /// <summary>The floor: a bare <c>Channel&lt;int&gt;</c> per target.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Workload.Total)]
    public Task Channel() => RunAsync(static (self, producer) =>
    {
        ChannelCounter[] targets = self.channels;
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (ChannelCounter target in targets)
            {
                target.Writer.TryWrite(round);
            }
        }
    });

    /// <summary>SessionGen like the peers: one message record made once per producer, posted with the generated table entry's <c>Post</c>.</summary>
    [Benchmark(OperationsPerInvoke = Workload.Total)]
    public Task SessionGenPreallocated() => RunAsync(static (self, producer) =>
    {
        var add = CounterSession.SessionDefinition.AddOperation;
        CounterSession.Messages.Add message = self.sessionMessages[producer];
        CounterSession.Client[] targets = self.sessions;
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (CounterSession.Client target in targets)
            {
                if (!add.Post(target, message))
                {
                    throw new InvalidOperationException($"Session {target.Id} refused a message.");
                }
            }
        }
    });

    /// <summary>SessionGen: the generated client's one-way <c>PostAdd(value)</c> (a message record per message).</summary>
    [Benchmark(OperationsPerInvoke = Workload.Total)]
    public Task SessionGen() => RunAsync(static (self, producer) =>
    {
        CounterSession.Client[] targets = self.sessions;
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (CounterSession.Client target in targets)
            {
                if (!target.PostAdd(round))
                {
                    throw new InvalidOperationException($"Session {target.Id} refused a message.");
                }
            }
        }
    });

    /// <summary>SessionGen: the awaited <c>AddAsync</c>, each producer awaiting every send's completion at the end.</summary>
    [Benchmark(OperationsPerInvoke = Workload.Total)]
    public Task SessionGenAwaitAll() => RunAsync(static async (self, producer) =>
    {
        CounterSession.Client[] targets = self.sessions;
        ValueTask[] mine = self.pending[producer];
        int next = 0;
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (CounterSession.Client target in targets)
            {
                mine[next++] = target.AddAsync(round);
            }
        }

        for (int i = 0; i < mine.Length; i++)
        {
            await mine[i].ConfigureAwait(false);
            mine[i] = default;
        }
    });

    /// <summary>Akka.NET: <c>Tell(message, ActorRefs.NoSender)</c> of a preallocated message to an <c>UntypedActor</c>.</summary>
    [Benchmark(OperationsPerInvoke = Workload.Total)]
    public Task AkkaNet() => RunAsync(static (self, producer) =>
    {
        IActorRef[] targets = self.akkaActors;
        CountMessage message = self.peerMessages[producer];
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (IActorRef target in targets)
            {
                target.Tell(message, ActorRefs.NoSender);
            }
        }
    });

    /// <summary>Proto.Actor: <c>Root.Send</c> of a preallocated message to an <c>IActor</c>.</summary>
    [Benchmark(OperationsPerInvoke = Workload.Total)]
    public Task ProtoActor() => RunAsync(static (self, producer) =>
    {
        IRootContext root = self.proto!.Root;
        PID[] targets = self.protoActors;
        CountMessage message = self.peerMessages[producer];
        for (int round = 0; round < Workload.RoundsPerProducer; round++)
        {
            foreach (PID target in targets)
            {
                root.Send(target, message);
            }
        }
    });

    private Task RunAsync(Action<OneWayThroughputBenchmarks, int> produce) =>
        RunAsync((self, producer) =>
        {
            produce(self, producer);
            return Task.CompletedTask;
        });

    private async Task RunAsync(Func<OneWayThroughputBenchmarks, int, Task> produce)
    {
        CpuMeter.Start();
        Task handled = done.Reset(Workload.Targets);
        var producers = new Task[Workload.Producers];
        for (int p = 0; p < producers.Length; p++)
        {
            int producer = p;
            producers[p] = Task.Run(() => produce(this, producer));
        }

        await Task.WhenAll(producers).ConfigureAwait(false);
        await handled.ConfigureAwait(false);
        CpuMeter.Stop(Workload.Total);
    }
}
