using System.ComponentModel;

namespace SessionGen;

/// <summary>
/// Called by generated process factories to take constructor parameters from the host's
/// <see cref="SessionHost.Services"/>: <c>GetService(typeof(T))</c>, no reflection, with errors that name what is missing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProcessServices
{
    /// <summary>The services of <paramref name="context"/>'s host; throws when it has none.</summary>
    /// <param name="context">The new session.</param>
    /// <param name="process">The process class's name, for the message.</param>
    public static IServiceProvider From(SessionContext context, string process)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Host.Services ?? throw new InvalidOperationException(
            $"Process '{process}' takes constructor parameters, but its host has no services: create the host with " +
            "SessionHostOptions.Services set (services.AddSessionGen() in SessionGen.Hosting does it).");
    }

    /// <summary>The service for a required constructor parameter.</summary>
    /// <exception cref="InvalidOperationException">No such service is registered.</exception>
    public static T Required<T>(IServiceProvider services, string process, string parameter)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(T)) is T service
            ? service
            : throw new InvalidOperationException(
                $"Process '{process}' needs a service of type '{typeof(T)}' for its constructor parameter '{parameter}', but none is registered.");
    }

    /// <summary>The service for an optional constructor parameter, or <paramref name="fallback"/> when none is registered.</summary>
    public static T? Optional<T>(IServiceProvider services, T? fallback)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(T)) is T service ? service : fallback;
    }
}
