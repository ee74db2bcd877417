using SessionGen.Infrastructure;
using SessionGen.Orleans;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// Calls a counter from inside the cluster: a loop of awaited calls, either to a <see cref="ICounterGrain"/> or, through
/// a <see cref="ClusterSessionHost"/> over this grain's <see cref="IGrainFactory"/>, to a <see cref="Counter"/> session.
/// The benchmark calls it once per loop, so the loop's calls are what one operation measures.
/// </summary>
public interface IDriverGrain : IGrainWithStringKey
{
    /// <summary>Makes <paramref name="calls"/> awaited <c>Add</c> calls to the plain grain <paramref name="counter"/>; answers the last total.</summary>
    Task<int> AddToPlain(string counter, int calls);

    /// <summary>Makes <paramref name="calls"/> awaited generated <c>AddAsync</c> calls to the session <paramref name="session"/>; answers the last total.</summary>
    Task<int> AddToSession(string session, int calls);

    /// <summary>
    /// Makes <paramref name="calls"/> awaited calls to <see cref="IWireShapeGrain"/> <paramref name="key"/> (placed on
    /// this silo): with a fixed message for <c>bare/</c> keys, else each message and result through Counter's JSON.
    /// </summary>
    Task<int> AddToWireShape(string key, int calls);

    /// <summary>The silo this activation runs on.</summary>
    Task<SiloAddress> Silo();
}

/// <summary>
/// Not reentrant (the default). Random placement, so that trying keys finds a driver on any silo: the benchmark picks,
/// for each target, a driver key that landed on the target's silo and one that did not (the targets keep Orleans'
/// default placement).
/// </summary>
[global::Orleans.Placement.RandomPlacement]
public sealed class DriverGrain : Grain, IDriverGrain
{
    private ClusterSessionHost? sessions;

    /// <inheritdoc/>
    public async Task<int> AddToPlain(string counter, int calls)
    {
        ICounterGrain grain = GrainFactory.GetGrain<ICounterGrain>(counter);
        int total = 0;
        for (int i = 0; i < calls; i++)
        {
            CallTimeline.Advance();
            CallTimeline.Mark(0);
            Task<int> sent = grain.Add(new AddRequest("item", 1));
            CallTimeline.Mark(1);
            total = await sent;
            CallTimeline.Mark(11);
        }

        return total;
    }

    /// <inheritdoc/>
    public async Task<int> AddToSession(string session, int calls)
    {
        sessions ??= new ClusterSessionHost(GrainFactory, ClusterWire.Options);
        Counter.Client client = Counter.Connect(sessions, new SessionId(session));
        int total = 0;
        for (int i = 0; i < calls; i++)
        {
            CallTimeline.Advance();
            CallTimeline.Mark(0);
            ValueTask<int> sent = client.AddAsync("item", 1);
            CallTimeline.Mark(1);
            total = await sent;
            CallTimeline.Mark(11);
        }

        return total;
    }

    /// <inheritdoc/>
    public async Task<int> AddToWireShape(string key, int calls)
    {
        IWireShapeGrain grain = GrainFactory.GetGrain<IWireShapeGrain>(key);
        SessionOperation add = WireShapeGrain.AddOperation;
        bool bare = key.StartsWith("bare/", StringComparison.Ordinal) || key[0] is '4' or '1';
        byte[] fixedMessage = add.SerializeMessage(new Counter.Messages.Add("item", 1), ClusterWire.Options);
        int total = 0;
        for (int i = 0; i < calls; i++)
        {
            byte[] message = bare ? fixedMessage : add.SerializeMessage(new Counter.Messages.Add("item", 1), ClusterWire.Options);
            WireShapeReply reply = key[0] switch
            {
                '4' => await grain.SendFour("Add", message, null, null),
                '1' => await grain.SendOne(new WireShapeRequest("Add", message, null, null)),
                _ => await grain.Send("Add", message, null, CancellationToken.None),
            };
            total = bare ? reply.Result!.Length : (int)add.DeserializeResult(reply.Result, ClusterWire.Options)!;
        }

        return total;
    }

    /// <inheritdoc/>
    public Task<SiloAddress> Silo() => Task.FromResult(GrainContext.Address.SiloAddress!);
}
