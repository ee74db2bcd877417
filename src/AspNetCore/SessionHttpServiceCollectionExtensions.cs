using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using SessionGen.AspNetCore.Authorization;

namespace SessionGen;

/// <summary>Registers what the endpoints of <c>MapSessionProcess</c> need from the application's services.</summary>
public static class SessionHttpServiceCollectionExtensions
{
    /// <summary>
    /// Makes the authorization middleware answer a refused request to a <c>MapSessionProcess</c> endpoint with 401 (not
    /// signed in) or 403 (not allowed) problem details, instead of what the authentication scheme does for a page (a
    /// cookie scheme redirects to its login page). Registers an <see cref="IAuthorizationMiddlewareResultHandler"/>
    /// that answers every other endpoint as ASP.NET Core's default does; it replaces one registered before it. Needed
    /// by a process whose class or handlers carry <c>[Authorize]</c> (<c>MapSessionProcess</c> fails at startup
    /// without it) and by a route group the application authorizes itself (<c>RequireAuthorization</c>).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSessionGenHttp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SessionAuthorizationResultHandler>();
        return services;
    }
}
