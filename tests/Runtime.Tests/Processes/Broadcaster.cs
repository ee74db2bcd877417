namespace SessionGen.Runtime.Tests.Processes;

public sealed record Tick(int Number);

/// <summary>Emits events in bursts, for the subscription bound: one handler call can outrun any reader.</summary>
[SessionProcess("Tests.Broadcaster")]
public partial class Broadcaster
{
    private int emitted;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Emits <paramref name="count"/> events to everyone; returns how many it has emitted in all.</summary>
    [On("Burst")]
    private int Burst(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Emit(new Tick(++emitted));
        }

        return emitted;
    }

    /// <summary>Emits <paramref name="count"/> events addressed to <paramref name="to"/> only.</summary>
    [On("Whisper")]
    private void Whisper(string to, int count)
    {
        for (int i = 0; i < count; i++)
        {
            EmitTo(to, new Tick(++emitted));
        }
    }

    [On("Close")]
    private void Close() => EndSession();
}
