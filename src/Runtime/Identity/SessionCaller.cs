using System.Security.Claims;

namespace SessionGen;

/// <summary>
/// Who sent a message: an id, and the authenticated user behind it where there is one. A handler that takes a
/// parameter of this type receives the caller its message came with; the transport sets it (<c>host.As(caller)</c>,
/// <c>P.Connect(host, id, caller)</c> in process, the signed-in user over HTTP), never the message's body.
/// </summary>
/// <remarks>
/// Callers compare by reference: two instances with the same <see cref="Id"/> are different objects (their
/// <see cref="User"/> may differ). Compare <see cref="Id"/>s to know whether two messages came from the same participant;
/// <c>EmitTo(caller.Id, …)</c> reaches that participant's subscriptions.
/// </remarks>
public sealed class SessionCaller
{
    /// <summary>Creates a caller.</summary>
    /// <param name="id">Who it is: the participant name its subscriptions are opened for. Not empty.</param>
    /// <param name="user">The authenticated user behind it, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null or empty.</exception>
    public SessionCaller(string id, ClaimsPrincipal? user = null)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException("A caller's id must not be null or empty.", nameof(id));
        }

        Id = id;
        User = user;
    }

    /// <summary>Who it is: the participant its subscriptions are opened for, and whom <c>EmitTo(Id, …)</c> reaches.</summary>
    public string Id { get; }

    /// <summary>The authenticated user behind the caller (its claims), or <see langword="null"/> where there is none.</summary>
    public ClaimsPrincipal? User { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
