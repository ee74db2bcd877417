using Akka.Actor;

namespace SessionGen.Benchmarks.Seed;

/// <summary>Akka.NET: the welcome timeout a session actor schedules to itself; one per participant name, made once.</summary>
public sealed record GreetTimeout(string Name);

/// <summary>Akka.NET: Join(name), one per participant name, made once (it carries the welcome to schedule).</summary>
public sealed record JoinRequest(string Name, GreetTimeout Greet);

/// <summary>Akka.NET: Leave(name), one per participant name, made once.</summary>
public sealed record LeaveRequest(string Name);

/// <summary>Akka.NET: the answer to a leave (one instance).</summary>
public sealed class LeaveDone
{
    /// <summary>The one instance.</summary>
    public static LeaveDone Instance { get; } = new();
}

/// <summary>Akka.NET: what a session actor is told first: its name (Initialize) and its subscribers, one per participant.</summary>
public sealed record SeedInit(string Name, IActorRef[] Subscribers);
