using System.Security.Claims;

namespace SessionGen.Orleans;

/// <summary>
/// A <see cref="SessionCaller"/> on its way to the silo that runs the session: its id, and its user as the claims of
/// all its identities, as (type, value) pairs, with the authentication type of the first identity. The silo rebuilds one
/// <see cref="ClaimsIdentity"/> from them (<see cref="ToCaller"/>): what a handler can ask of the user (its claims, whether
/// it is authenticated, its name) survives; the identities' boundaries, the claims' issuers and value types and the
/// objects behind them (a bootstrap context, an actor) do not.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record WireCaller(
    [property: Id(0)] string Id,
    [property: Id(1)] bool HasUser,
    [property: Id(2)] string? AuthenticationType,
    [property: Id(3)] WireClaim[] Claims)
{
    public static WireCaller? From(SessionCaller? caller)
    {
        if (caller is null)
        {
            return null;
        }

        if (caller.User is not { } user)
        {
            return new WireCaller(caller.Id, HasUser: false, null, []);
        }

        WireClaim[] claims = [.. user.Claims.Select(static claim => new WireClaim(claim.Type, claim.Value))];
        return new WireCaller(caller.Id, HasUser: true, user.Identity?.AuthenticationType, claims);
    }

    public SessionCaller ToCaller()
    {
        if (!HasUser)
        {
            return new SessionCaller(Id);
        }

        var identity = new ClaimsIdentity(Claims.Select(static claim => new Claim(claim.Type, claim.Value)), AuthenticationType);
        return new SessionCaller(Id, new ClaimsPrincipal(identity));
    }
}

/// <summary>One claim of a <see cref="WireCaller"/>'s user.</summary>
[GenerateSerializer, Immutable]
internal sealed record WireClaim([property: Id(0)] string Type, [property: Id(1)] string Value);
