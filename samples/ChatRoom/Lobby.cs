using SessionGen;

namespace ChatRoom;

/// <summary>The room every visitor lands in: reopened when the previous one has closed (after its idle timeout).</summary>
public sealed class Lobby(SessionHost host)
{
    private readonly SemaphoreSlim opening = new(1, 1);
    private SessionId? current;

    public async Task<SessionId> CurrentAsync(CancellationToken cancellationToken)
    {
        await opening.WaitAsync(cancellationToken);
        try
        {
            if (current is not { } id || !host.Contains(id))
            {
                current = (await Room.StartAsync(host, "Lobby", cancellationToken)).Id;
            }

            return current.Value;
        }
        finally
        {
            opening.Release();
        }
    }
}

/// <summary>The answer of <c>GET /lobby</c>.</summary>
public sealed record LobbyRoom(string SessionId);
