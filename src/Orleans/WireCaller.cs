using System.Security.Claims;

namespace SessionGen.Orleans;

/// <summary>
/// A <see cref="SessionCaller"/> on its way to the silo that runs the session: its id, and its user as the claims of
/// all its identities, as (type, value) pairs, with the authentication type and the name and role claim types of the
/// primary identity. The silo rebuilds one <see cref="ClaimsIdentity"/> from them (<see cref="ToCaller"/>): what a handler
/// can ask of the user (its claims, whether it is authenticated, its name, <see cref="ClaimsPrincipal.IsInRole"/>)
/// survives, also for an identity that reads its name and roles from claims of its own types (a JWT's <c>name</c> and
/// <c>role</c>); the identities' boundaries, the claims' issuers and value types and the objects behind them (a bootstrap
/// context, an actor) do not.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record WireCaller(
    [property: Id(0)] string Id,
    [property: Id(1)] bool HasUser,
    [property: Id(2)] string? AuthenticationType,
    [property: Id(3)] WireClaim[] Claims)
{
    /// <summary>The primary identity's name claim type, when not the default <see cref="ClaimsIdentity.DefaultNameClaimType"/>.</summary>
    [Id(4)]
    public string? NameClaimType { get; init; }

    /// <summary>The primary identity's role claim type, when not the default <see cref="ClaimsIdentity.DefaultRoleClaimType"/>.</summary>
    [Id(5)]
    public string? RoleClaimType { get; init; }

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
        System.Security.Principal.IIdentity? primary = user.Identity;
        if (primary is not ClaimsIdentity { NameClaimType: var name, RoleClaimType: var role }
            || (name == ClaimsIdentity.DefaultNameClaimType && role == ClaimsIdentity.DefaultRoleClaimType))
        {
            return new WireCaller(caller.Id, HasUser: true, primary?.AuthenticationType, claims);
        }

        return new WireCaller(caller.Id, HasUser: true, primary.AuthenticationType, claims)
        {
            NameClaimType = name == ClaimsIdentity.DefaultNameClaimType ? null : name,
            RoleClaimType = role == ClaimsIdentity.DefaultRoleClaimType ? null : role,
        };
    }

    public SessionCaller ToCaller()
    {
        if (!HasUser)
        {
            return new SessionCaller(Id);
        }

        var identity = new ClaimsIdentity(
            Claims.Select(static claim => new Claim(claim.Type, claim.Value)), AuthenticationType, NameClaimType, RoleClaimType);
        return new SessionCaller(Id, new ClaimsPrincipal(identity));
    }
}

/// <summary>One claim of a <see cref="WireCaller"/>'s user.</summary>
[GenerateSerializer, Immutable]
internal sealed record WireClaim([property: Id(0)] string Type, [property: Id(1)] string Value);
