using Akka.Actor;
using Akka.Persistence;

namespace SessionGen.Benchmarks.Durability;

/// <summary>The command the Akka.Persistence counter receives: one preallocated instance.</summary>
public sealed class Increment
{
    /// <summary>The only instance.</summary>
    public static readonly Increment Instance = new();

    private Increment()
    {
    }
}

/// <summary>
/// The Akka.Persistence peer of <see cref="DurableCounter"/>: on <see cref="Increment"/> it persists one event (the
/// new value, an <c>int</c>) and, once the journal has it, applies it and tells the sender the new value.
/// </summary>
public sealed class AkkaPersistentCounter : ReceivePersistentActor
{
    private int count;

    /// <summary>Registers the command and recovery handlers.</summary>
    public AkkaPersistentCounter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<int>(value => count = value);
        Command<Increment>(_ => Persist(count + 1, value =>
        {
            count = value;
            Sender.Tell(value);
        }));
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }
}

/// <summary>
/// Drives the counters of one phase: every reply (a counter's new value) sends that counter its next
/// <see cref="Increment"/> at once until it has reached <c>target</c>, then signals the countdown. So each counter has
/// exactly one command in flight, like each SessionGen session with one awaited call; no <c>Ask</c> (no temporary
/// actor per request).
/// </summary>
public sealed class AkkaCounterDriver : ReceiveActor
{
    /// <summary>Registers the reply handler.</summary>
    public AkkaCounterDriver(int target, Infrastructure.Countdown done)
    {
        Receive<int>(value =>
        {
            if (value < target)
            {
                Sender.Tell(Increment.Instance);
            }
            else
            {
                done.Signal();
            }
        });
    }
}
