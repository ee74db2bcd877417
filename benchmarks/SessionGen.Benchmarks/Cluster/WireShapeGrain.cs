using System.Text.Json;
using Orleans.Concurrency;
using SessionGen.Infrastructure;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>The reply of <see cref="IWireShapeGrain"/>: the shape of SessionGen.Orleans' reply envelope (a result's JSON, or a failure).</summary>
/// <param name="Result">The result's JSON.</param>
/// <param name="Failure">A failure (always null here).</param>
[GenerateSerializer, Immutable]
public sealed record WireShapeReply([property: Id(0)] byte[]? Result, [property: Id(1)] string? Failure);

/// <summary>The shape of the session grain's caller argument (an id and claims).</summary>
[GenerateSerializer, Immutable]
public sealed record WireShapeCaller([property: Id(0)] string Id, [property: Id(1)] string[] Claims);

/// <summary>A send's four arguments as one immutable object (one invokable field, no copy on a local call).</summary>
[GenerateSerializer, Immutable]
public sealed record WireShapeRequest(
    [property: Id(0)] string Operation,
    [property: Id(1)] byte[] Message,
    [property: Id(2)] string? MessageId,
    [property: Id(3)] WireShapeCaller? Caller);

/// <summary>
/// Diagnostics of the gap (<see cref="OrleansGapBenchmarks"/>): a grain with the signature of SessionGen.Orleans'
/// session grain <c>Send</c>, doing a growing part of its work, chosen by its key's prefix: <c>bare/</c> answers a fixed
/// reply; <c>json/</c> decodes the message with <see cref="Counter"/>'s generated operation, adds, encodes the result;
/// <c>host/</c> hands the decoded message to a <see cref="SessionHost"/> of its own (one <see cref="Counter"/> session), as
/// the session grain does (from the activation's scheduler, so the host runs the turn on the thread pool);
/// <c>inline/</c> as <c>host/</c> with the default scheduler current (the turn runs on this thread: a candidate fix,
/// which measured no better here; docs/performance.md, "Orleans"). <c>SendFour</c> and <c>SendOne</c> answer a fixed reply
/// whatever the key: the session grain's present signature, and the same arguments as one request object.
/// </summary>
public interface IWireShapeGrain : IGrainWithStringKey
{
    /// <summary>As the session grain's <c>Send</c>.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<WireShapeReply> Send(string operation, byte[] message, string? messageId, CancellationToken cancellationToken);

    /// <summary>The session grain's <c>SendUncancellable</c> signature (four arguments, a <see cref="ValueTask{TResult}"/>), answering a fixed reply.</summary>
    [ResponseTimeout("1.00:00:00")]
    ValueTask<WireShapeReply> SendFour(string operation, [Immutable] byte[] message, string? messageId, WireShapeCaller? caller);

    /// <summary>As <see cref="SendFour"/>, the four arguments in one immutable request object.</summary>
    [ResponseTimeout("1.00:00:00")]
    ValueTask<WireShapeReply> SendOne(WireShapeRequest request);
}

/// <summary>Reentrant like the session grain; placed on the silo of its first caller (the driver).</summary>
[Reentrant]
[global::Orleans.Placement.PreferLocalPlacement]
public sealed class WireShapeGrain : Grain, IWireShapeGrain
{
    private static readonly byte[] FixedResult = "1"u8.ToArray();

    private SessionHost? host;
    private SessionId session;
    private string mode = "";
    private int total;

    /// <summary>Counter's <c>Add</c> operation (message and result JSON).</summary>
    public static SessionOperation AddOperation { get; } = Counter.SessionDefinition.Instance.FindOperation("Add")!;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string key = this.GetPrimaryKeyString();
        mode = key[..key.IndexOf('/', StringComparison.Ordinal)];
        if (mode is "host" or "inline")
        {
            host = new SessionHost(new SessionHostOptions { SerializerOptions = ClusterWire.Options });
            session = (await Counter.StartAsync(host, cancellationToken).ConfigureAwait(true)).Id;
        }
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (host is not null)
        {
            await host.DisposeAsync().ConfigureAwait(true);
        }
    }

    /// <summary>The host's send with the default scheduler current, on this thread (the host then runs an idle session's turn here).</summary>
    private ValueTask<object?> SendInline(object decoded, CancellationToken cancellationToken)
    {
        var send = new Task<ValueTask<object?>>(() => host!.SendAsync(session, decoded, cancellationToken));
        send.RunSynchronously(TaskScheduler.Default);
        return send.GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    /// <inheritdoc/>
    public ValueTask<WireShapeReply> SendFour(string operation, byte[] message, string? messageId, WireShapeCaller? caller) =>
        new(new WireShapeReply(FixedResult, null));

    /// <inheritdoc/>
    public ValueTask<WireShapeReply> SendOne(WireShapeRequest request) => new(new WireShapeReply(FixedResult, null));

    public async Task<WireShapeReply> Send(string operation, byte[] message, string? messageId, CancellationToken cancellationToken)
    {
        if (mode == "bare")
        {
            return new WireShapeReply(FixedResult, null);
        }

        JsonSerializerOptions json = ClusterWire.Options;
        object decoded = AddOperation.DeserializeMessage(message, json);
        object? result = host is null
            ? total += ((Counter.Messages.Add)decoded).Amount
            : await (mode == "inline" ? SendInline(decoded, cancellationToken) : host.SendAsync(session, decoded, cancellationToken)).ConfigureAwait(true);
        return new WireShapeReply(AddOperation.SerializeResult(result, json), null);
    }
}
