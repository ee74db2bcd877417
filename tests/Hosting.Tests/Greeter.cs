using Microsoft.Extensions.Logging;

namespace SessionGen.Hosting.Tests;

/// <summary>A dependency that only the application's services provide.</summary>
public interface IGreeting
{
    string Phrase { get; }
}

public sealed class FriendlyGreeting : IGreeting
{
    public string Phrase => "hello";
}

/// <summary>A process with constructor dependencies: the generated factory takes them from dependency injection.</summary>
[SessionProcess("Hosting.Greeter")]
public partial class Greeter
{
    private readonly IGreeting greeting;
    private readonly ILogger<Greeter>? logger;

    public Greeter(IGreeting greeting, ILogger<Greeter>? logger = null)
    {
        this.greeting = greeting;
        this.logger = logger;
    }

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Greet")]
    private string Greet(string name)
    {
        logger?.LogInformation("greeting {Name}", name);
        return $"{greeting.Phrase}, {name}";
    }

    /// <summary>Stays in flight until the test releases it.</summary>
    [On("Work")]
    private async Task<string> Work(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
        return "done";
    }

    /// <summary>A one-way handler that holds the turn until released, then gives up on the host's stopping token.</summary>
    [On("Linger")]
    private async Task Linger(TaskCompletionSource started, Task release, CancellationToken cancellationToken)
    {
        started.TrySetResult();
        await release;
        cancellationToken.ThrowIfCancellationRequested();
    }

    [On("Fail")]
    private void Fail() => throw new InvalidOperationException("greeter failure");

    [On("Stop")]
    private void Stop() => EndSession();
}
