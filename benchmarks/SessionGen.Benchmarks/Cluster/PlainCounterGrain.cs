namespace SessionGen.Benchmarks.Cluster;

/// <summary>The plain grain's request: what an Orleans developer writes for "add this amount under this item".</summary>
/// <param name="Item">A name (carried, as SessionGen's message carries it).</param>
/// <param name="Amount">What to add.</param>
[GenerateSerializer, Immutable]
public sealed record AddRequest([property: Id(0)] string Item, [property: Id(1)] int Amount);

/// <summary>The hand-written peer of <see cref="Counter"/>: one grain per counter, keyed by a string.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <see cref="AddRequest.Amount"/> and answers with the new total.</summary>
    Task<int> Add(AddRequest request);
}

/// <summary>Keeps a total. Not reentrant (Orleans' default), no storage: the same work as <see cref="Counter.Add"/>.</summary>
public sealed class PlainCounterGrain : Grain, ICounterGrain
{
    private int total;

    /// <inheritdoc/>
    public Task<int> Add(AddRequest request)
    {
        SessionGen.Infrastructure.CallTimeline.Mark(2);
        var done = Task.FromResult(total += request.Amount);
        SessionGen.Infrastructure.CallTimeline.Mark(6);
        return done;
    }
}
