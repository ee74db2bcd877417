using System.Collections.Concurrent;
using System.Reflection;

namespace SessionGen.Orleans.Tests;

/// <summary>Hostile-review findings on the cluster: ids shared by two processes, subscription clean-up.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReviewTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_message_of_another_process_under_a_running_sessions_id_does_not_run_that_session_on_a_second_silo()
    {
        // The grains are keyed "{process}/{id}", the silos' hosts by id: Cluster.Tab/x must not load Cluster.Tally's x
        // wherever its own grain is placed (ten ids: with three silos, some land away from the Tally grain).
        var ids = Enumerable.Range(0, 10).Select(i => new SessionId($"shared-{Guid.NewGuid():N}-{i}")).ToArray();
        foreach (SessionId id in ids)
        {
            await cluster.Host.SendAsync(id, new Tally.Messages.Open(), default).AsTask().Guarded();
            Assert.Single(cluster.SilosRunning(id));
            await Assert.ThrowsAnyAsync<SessionException>(() => cluster.Host.SendAsync(id, new Tab.Messages.Orders(), default).AsTask().Guarded());
        }

        Assert.All(ids, id => Assert.Single(cluster.SilosRunning(id)));
    }

    [Fact]
    public async Task A_subscription_to_a_session_that_is_not_there_deletes_its_observer_reference_once()
    {
        var factory = RecordingFactory.Wrap(cluster.Cluster.Client);
        var host = new ClusterSessionHost(factory, Wire.Options);

        SessionSubscription events = host.Subscribe("Cluster.Meeting", new SessionId($"nobody-{Guid.NewGuid():N}"), null);
        await Assert.ThrowsAsync<SessionNotFoundException>(async () =>
        {
            await foreach (SessionEvent unexpected in events.WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
            {
                Assert.Fail($"no event was expected, got {unexpected.Payload}");
            }
        });
        await events.DisposeAsync(); // and the reader disposes it, as await using does

        // The failed open unsubscribed (and the reader's dispose came after): each Unsubscribe is called as the
        // subscription disposes itself, so by now every one there will be has been called. Then the deletion follows it.
        Assert.Equal(1, RecordingFactory.Of(factory).Unsubscribes);
        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(!RecordingFactory.Of(factory).Deleted.IsEmpty), TimeSpan.FromSeconds(10)));
        Assert.Single(RecordingFactory.Of(factory).Deleted);
        Assert.Empty(RecordingFactory.Of(factory).Thrown);
    }

    /// <summary>An <see cref="IGrainFactory"/> that records the observer references deleted through it, and what threw.</summary>
    public class RecordingFactory : DispatchProxy
    {
        private IGrainFactory inner = null!;

        public ConcurrentQueue<object> Deleted { get; } = new();

        public ConcurrentQueue<Exception> Thrown { get; } = new();

        public int Unsubscribes => Volatile.Read(ref unsubscribes);

        private int unsubscribes;

        public static IGrainFactory Wrap(IGrainFactory inner)
        {
            IGrainFactory proxy = Create<IGrainFactory, RecordingFactory>();
            ((RecordingFactory)(object)proxy).inner = inner;
            return proxy;
        }

        public static RecordingFactory Of(IGrainFactory proxy) => (RecordingFactory)(object)proxy;

        internal void CountUnsubscribe() => Interlocked.Increment(ref unsubscribes);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IGrainFactory.DeleteObjectReference))
            {
                Deleted.Enqueue(args![0]!);
            }

            try
            {
                object? result = targetMethod.Invoke(inner, args);
                if (result is ISessionGrain grain)
                {
                    ISessionGrain recorded = Create<ISessionGrain, GrainRecorder>();
                    ((GrainRecorder)(object)recorded).Set(grain, this);
                    return recorded;
                }

                return result;
            }
            catch (TargetInvocationException invocation)
            {
                Thrown.Enqueue(invocation.InnerException!);
                throw invocation.InnerException!;
            }
        }
    }

    /// <summary>A session grain reference that counts its Unsubscribe calls.</summary>
    public class GrainRecorder : DispatchProxy
    {
        private object inner = null!;
        private RecordingFactory factory = null!;

        internal void Set(object grain, RecordingFactory recording) => (inner, factory) = (grain, recording);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(ISessionGrain.Unsubscribe))
            {
                factory.CountUnsubscribe();
            }

            try
            {
                return targetMethod.Invoke(inner, args);
            }
            catch (TargetInvocationException invocation)
            {
                throw invocation.InnerException!;
            }
        }
    }
}
