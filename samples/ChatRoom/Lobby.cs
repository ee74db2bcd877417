using SessionGen;

namespace ChatRoom;

/// <summary>
/// The room every visitor lands in: the open room whose topic is <see cref="Topic"/>, found through its correlation key
/// (so after a restart it is the stored room, loaded on this first message); a new one when there is none, such as
/// when the previous one has closed after its idle timeout. The host is the app's: its own, or a cluster's (<see cref="ChatCluster"/>).
/// </summary>
public sealed class Lobby(ISessionHost host)
{
    public const string Topic = "Lobby";

    private readonly SemaphoreSlim opening = new(1, 1);

    public async Task<SessionId> CurrentAsync(CancellationToken cancellationToken)
    {
        await opening.WaitAsync(cancellationToken);
        try
        {
            try
            {
                return new SessionId((string)(await host.SendAsync(new Room.Messages.Find(Topic), cancellationToken))!);
            }
            catch (SessionNotFoundException)
            {
                // No open room with that topic, in memory or in the store.
            }

            return (await Room.StartAsync(host, Topic, cancellationToken)).Id;
        }
        finally
        {
            opening.Release();
        }
    }
}

/// <summary>The answer of <c>GET /lobby</c>.</summary>
public sealed record LobbyRoom(string SessionId);
