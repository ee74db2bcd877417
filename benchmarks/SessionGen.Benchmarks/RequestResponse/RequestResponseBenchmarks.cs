using Akka.Actor;
using BenchmarkDotNet.Attributes;
using Proto;
using SessionGen.Benchmarks.Infrastructure;
using SessionGen.Infrastructure;
using AkkaProps = Akka.Actor.Props;
using AkkaSystem = Akka.Actor.ActorSystem;
using ProtoProps = Proto.Props;
using ProtoSystem = Proto.ActorSystem;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>
/// (c) Request/response: one caller awaits one round trip at a time to one session or actor, whose handler answers
/// synchronously with its argument plus one. An invocation is a loop of 1,000 awaited round trips (the caller resumes
/// on the thread pool, never blocks a thread), so Mean is one round trip and Allocated is what the library allocates
/// for one (the loop's own state machine, once per 1,000, rounds to 0 B).
/// </summary>
[MemoryDiagnoser]
public class RequestResponseBenchmarks
{
    private const int RoundTrips = 1_000;
    private ChannelEchoServer? channel;
    private SessionHost? host;
    private EchoSession.Client session = null!;
    private EchoSession.Messages.Echo echoMessage = null!;
    private readonly EchoRequest peerRequest = new(41);
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
    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public async Task<int> Channel()
    {
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            sum += await channel!.EchoAsync(i).ConfigureAwait(false);
        }

        return sum;
    }

    /// <summary>SessionGen: the generated client's <c>EchoAsync</c> (it allocates the message record).</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task<int> SessionGen()
    {
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            sum += await session.EchoAsync(i).ConfigureAwait(false);
        }

        return sum;
    }

    /// <summary>
    /// SessionGen with a message record made once, through the generated table entry's <c>SendAsync</c>: what the
    /// runtime itself allocates per round trip.
    /// </summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task<int> SessionGenPreallocatedMessage()
    {
        SessionOperation<EchoSession, EchoSession.Messages.Echo, int> echo = EchoSession.SessionDefinition.EchoOperation;
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            sum += await echo.SendAsync(session, echoMessage, default).ConfigureAwait(false);
        }

        return sum;
    }

    /// <summary>Akka.NET: <c>Ask&lt;EchoReply&gt;</c> of a preallocated request (no timeout: the default ask timeout is infinite).</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task<int> AkkaNet()
    {
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            sum += (await akkaActor.Ask<EchoReply>(peerRequest).ConfigureAwait(false)).Value;
        }

        return sum;
    }

    /// <summary>Proto.Actor: <c>RequestAsync&lt;EchoReply&gt;</c> of a preallocated request, without a timeout like the others.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task<int> ProtoActor()
    {
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            sum += (await proto!.Root.RequestAsync<EchoReply>(protoActor, peerRequest, CancellationToken.None).ConfigureAwait(false)).Value;
        }

        return sum;
    }
}
