using Akka.Actor;
using ActorSystem = Akka.Actor.ActorSystem;
using BenchmarkDotNet.Attributes;
using Proto;
using Proto.Context;
using Proto.Mailbox;
using SessionGen.Benchmarks.Infrastructure;
using SessionGen.Infrastructure;
using AddOperation = SessionGen.Infrastructure.SessionOperation<
    SessionGen.Benchmarks.Dispatch.DispatchSession,
    SessionGen.Benchmarks.Dispatch.DispatchSession.Messages.Add,
    int>;

namespace SessionGen.Benchmarks.Dispatch;

/// <summary>
/// (a) Dispatch: from a message already in hand to its handler having run, without any queue. SessionGen goes
/// through the generated table entry (<c>SessionDefinition.AddOperation</c>) exactly as a session's turn does;
/// Akka.NET through <c>ActorCell.Invoke</c> (what its mailbox calls per message); Proto.Actor through
/// <c>ActorContext.InvokeUserMessageAsync</c> (what its mailbox calls per message). The baseline calls the handler
/// method directly.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private readonly DispatchSession process = new();
    private readonly DispatchSession.Messages.Add message = new(1);
    private readonly AddMessage peerMessage = new(1);
    private object boxedMessage = null!;
    private ActorSystem? akka;
    private ActorCell akkaCell = null!;
    private Envelope akkaEnvelope;
    private global::Proto.ActorSystem? proto;
    private ActorContext protoContext = null!;

    /// <summary>Prepares the untyped message for the by-message and by-name routes.</summary>
    [GlobalSetup(Targets = [nameof(DirectCall), nameof(SessionGenTable), nameof(SessionGenByMessage), nameof(SessionGenByName)])]
    public void SetupSessionGen() => boxedMessage = message;

    /// <summary>Starts one Akka.NET actor and waits until it runs.</summary>
    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetupAkka()
    {
        akka = AkkaSystems.Create("dispatch");
        IActorRef actor = akka.ActorOf(global::Akka.Actor.Props.Create(() => new AkkaDispatchActor()));
        actor.Ask<ActorIdentity>(new Identify(null)).GetAwaiter().GetResult();
        akkaCell = (ActorCell)((ActorRefWithCell)actor).Underlying;
        akkaEnvelope = new Envelope(peerMessage, ActorRefs.NoSender);
        AkkaNet();
        var query = new CountQuery();
        akkaCell.Invoke(new Envelope(query, ActorRefs.NoSender));
        Check(query, "Akka.NET");
    }

    /// <summary>Creates one Proto.Actor context outside any mailbox, so its invoker can be called directly.</summary>
    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetupProto()
    {
        proto = new global::Proto.ActorSystem();
        global::Proto.Props props = global::Proto.Props.FromProducer(() => new ProtoDispatchActor());
        protoContext = ActorContext.Setup(proto, props, null, PID.FromAddress(proto.Address, "dispatch"), UnboundedMailbox.Create());
        ProtoActor();
        var query = new CountQuery();
        protoContext.InvokeUserMessageAsync(query).GetAwaiter().GetResult();
        Check(query, "Proto.Actor");
    }

    /// <summary>Stops the peers' systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (akka is not null)
        {
            AkkaSystems.Stop(akka);
        }

        proto?.ShutdownAsync().GetAwaiter().GetResult();
    }

    /// <summary>The floor: the handler called directly with the message's field.</summary>
    [Benchmark(Baseline = true)]
    public int DirectCall() => process.Add(message.Value);

    /// <summary>The generated table entry, as a session's turn calls it.</summary>
    [Benchmark]
    public int SessionGenTable() => TableEntry<DispatchSession, DispatchSession.Messages.Add, int>.Invoke(DispatchSession.SessionDefinition.AddOperation, process, message, default).Result;

    /// <summary>An untyped message finds its entry through the generated <c>ISessionMessage.Operation</c>.</summary>
    [Benchmark]
    public int SessionGenByMessage()
    {
        var operation = (AddOperation)((ISessionMessage)boxedMessage).Operation;
        return TableEntry<DispatchSession, DispatchSession.Messages.Add, int>.Invoke(operation, process, (DispatchSession.Messages.Add)boxedMessage, default).Result;
    }

    /// <summary>An operation name finds its entry through the generated <c>FindOperation</c> switch.</summary>
    [Benchmark]
    public int SessionGenByName()
    {
        var operation = (AddOperation)DispatchSession.SessionDefinition.Instance.FindOperation("Add")!;
        return TableEntry<DispatchSession, DispatchSession.Messages.Add, int>.Invoke(operation, process, (DispatchSession.Messages.Add)boxedMessage, default).Result;
    }

    /// <summary>Akka.NET: the cell's per-message invoke, into the <c>UntypedActor</c>'s switch.</summary>
    [Benchmark]
    public void AkkaNet() => akkaCell.Invoke(akkaEnvelope);

    /// <summary>Proto.Actor: the context's per-message invoke, into the actor's <c>ReceiveAsync</c>.</summary>
    [Benchmark]
    public bool ProtoActor() => protoContext.InvokeUserMessageAsync(peerMessage).IsCompletedSuccessfully;

    private static void Check(CountQuery query, string library)
    {
        if (query.Count != 1)
        {
            throw new InvalidOperationException($"{library}: the invoked handler did not run (count {query.Count}).");
        }
    }
}
