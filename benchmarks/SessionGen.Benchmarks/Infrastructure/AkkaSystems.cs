using Akka.Actor;
using Akka.Configuration;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>Akka.NET systems as every benchmark makes them: default settings, log output limited to warnings.</summary>
public static class AkkaSystems
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    /// <summary>A new actor system with the default dispatcher, mailbox and scheduler.</summary>
    public static ActorSystem Create(string name) => ActorSystem.Create(name, Quiet);

    /// <summary>Terminates <paramref name="system"/> and waits for it.</summary>
    public static void Stop(ActorSystem system) => system.Terminate().GetAwaiter().GetResult();
}
