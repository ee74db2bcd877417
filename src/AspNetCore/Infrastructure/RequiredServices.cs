using Microsoft.Extensions.DependencyInjection;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// Startup checks of what the endpoints take from the application's services, so that a missing registration fails
/// when the app maps its endpoints, with the call to add, and not as an empty 500 on the first request.
/// </summary>
internal static class RequiredServices
{
    /// <summary>
    /// Throws when no <see cref="ISessionHost"/> is registered. Asks the container whether it could make one
    /// (<see cref="IServiceProviderIsService"/>) without making it, so no host is created before the app starts; a
    /// container that cannot answer is trusted.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="caller">The mapping call, for the message: <c>MapSessionProcess&lt;Poll&gt;</c>.</param>
    public static void EnsureSessionHost(IServiceProvider services, string caller)
    {
        if (services.GetService<IServiceProviderIsService>() is { } registry && !registry.IsService(typeof(ISessionHost)))
        {
            throw new InvalidOperationException(
                $"{caller} needs the session host, but none is registered: call builder.Services.AddSessionGen() (package SessionGen.Hosting) " +
                "before builder.Build(), or register another ISessionHost (a cluster's, say).");
        }
    }
}
