using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Proto;
using SessionGen.Benchmarks.Infrastructure;
using AkkaProps = Akka.Actor.Props;
using AkkaSystem = Akka.Actor.ActorSystem;
using ProtoProps = Proto.Props;
using ProtoSystem = Proto.ActorSystem;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>
/// (c) Request/response: one caller awaits one round trip at a time to one session or actor, whose handler answers
/// synchronously with its argument plus one. Each method returns the library's own awaitable, which BenchmarkDotNet
/// waits for, so Mean is one round trip and Allocated is what the library allocates for it (no async wrapper of ours).
/// </summary>
[MemoryDiagnoser]
public class RequestResponseBenchmarks
{
    private int next;
    private ChannelEchoServer? channel;
    private SessionHost? host;
    private EchoSession.Client session = null!;
    private EchoSession.Messages.Echo echoMessage = null!;
    private AkkaSystem? akka;
    private IActorRef akkaActor = null!;
    private ProtoSystem? proto;
    private PID protoActor = null!;

    /// <summary>Starts the channel's reader.</summary>
    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => channel = new ChannelEchoServer();

    /// <summary>Starts one session.</summary>
    [GlobalSetup(Targets = [nameof(SessionGen), nameof(SessionGenPreallocatedMessage)])]
    public void SetupSessionGen()
    {
        host = new SessionHost();
        session = EchoSession.StartAsync(host).AsTask().GetAwaiter().GetResult();
        echoMessage = new EchoSession.Messages.Echo(41);
    }

    /// <summary>Starts one Akka.NET actor.</summary>
    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetupAkka()
    {
        akka = AkkaSystems.Create("echo");
        akkaActor = akka.ActorOf(AkkaProps.Create(() => new AkkaEchoActor()));
    }

    /// <summary>Starts one Proto.Actor actor.</summary>
    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetupProto()
    {
        proto = new ProtoSystem();
        protoActor = proto.Root.Spawn(ProtoProps.FromProducer(() => new ProtoEchoActor()));
    }

    /// <summary>Stops whatever setup started.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        channel?.StopAsync().GetAwaiter().GetResult();
        host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (akka is not null)
        {
            AkkaSystems.Stop(akka);
        }

        proto?.ShutdownAsync().GetAwaiter().GetResult();
    }

    /// <summary>The floor: a bare channel and a pooled <c>IValueTaskSource</c>.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<int> Channel() => channel!.EchoAsync(next++);

    /// <summary>SessionGen: the generated client's <c>EchoAsync</c> (it allocates the message record).</summary>
    [Benchmark]
    public ValueTask<int> SessionGen() => session.EchoAsync(next++);

    /// <summary>
    /// SessionGen with a message record made once, through the generated table entry's <c>SendAsync</c>: what the
    /// runtime itself allocates per round trip.
    /// </summary>
    [Benchmark]
    public ValueTask<int> SessionGenPreallocatedMessage() =>
        EchoSession.SessionDefinition.EchoOperation.SendAsync(host!, session.Id, echoMessage, default);

    /// <summary>Akka.NET: <c>Ask&lt;int&gt;</c>.</summary>
    [Benchmark]
    public Task<int> AkkaNet() => akkaActor.Ask<int>(next++);

    /// <summary>Proto.Actor: <c>RequestAsync&lt;int&gt;</c> without a timeout, like the others.</summary>
    [Benchmark]
    public Task<int> ProtoActor() => proto!.Root.RequestAsync<int>(protoActor, next++, CancellationToken.None);
}
