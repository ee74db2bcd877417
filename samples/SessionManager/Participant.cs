using SessionGen;

namespace SessionManagerSample;

/// <summary>
/// A component taking part in the session: it subscribes under its own name (so it also receives the
/// messages addressed to it) and prints what it receives.
/// </summary>
internal sealed class Participant : IAsyncDisposable
{
    private readonly SessionSubscription subscription;
    private readonly TextWriter output;

    public Participant(string name, SessionManager.Client session, TextWriter output)
    {
        Name = name;
        this.output = output;
        subscription = session.Subscribe(name);
    }

    public string Name { get; }

    /// <summary>Prints every event already received.</summary>
    public void PrintReceived()
    {
        while (subscription.TryRead(out SessionEvent? received))
        {
            Print(received);
        }
    }

    /// <summary>Prints events as they arrive until one matches <paramref name="last"/>.</summary>
    public async Task PrintUntilAsync(Func<object, bool> last, CancellationToken cancellationToken = default)
    {
        SessionEvent received;
        do
        {
            received = await subscription.ReadAsync(cancellationToken);
            Print(received);
        }
        while (!last(received.Payload));
    }

    /// <summary>Prints the rest of the stream; returns when the session has ended.</summary>
    public async Task PrintToEndAsync(CancellationToken cancellationToken = default)
    {
        await foreach (SessionEvent received in subscription.WithCancellation(cancellationToken))
        {
            Print(received);
        }

        output.WriteLine($"    {Name,-5} <- (session ended)");
    }

    public ValueTask DisposeAsync() => subscription.DisposeAsync();

    private void Print(SessionEvent received) => output.WriteLine($"    {Name,-5} <- #{received.Sequence} {received.Payload}");
}
