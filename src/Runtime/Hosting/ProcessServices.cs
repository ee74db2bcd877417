using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// Called by generated process factories to take constructor parameters from the host's
/// <see cref="SessionHost.Services"/>: <c>GetService(typeof(T))</c>, no reflection, with errors that name what is missing.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProcessServices
{
    /// <summary>The service for a required constructor parameter.</summary>
    /// <param name="services">The host's services, or <see langword="null"/> when it has none.</param>
    /// <param name="process">The process class's name, for the message.</param>
    /// <param name="parameter">The constructor parameter's name, for the message.</param>
    /// <exception cref="InvalidOperationException">The host has no services, or no such service is registered.</exception>
    public static T Required<T>(IServiceProvider? services, string process, string parameter)
        where T : notnull
    {
        if (services is null)
        {
            throw new InvalidOperationException(
                $"Process '{process}' needs a service of type '{typeof(T)}' for its constructor parameter '{parameter}', but its host has no services: " +
                "set SessionHostOptions.Services (services.AddSessionGen() in SessionGen.Hosting does it).");
        }

        return services.GetService(typeof(T)) is T service
            ? service
            : throw new InvalidOperationException(
                $"Process '{process}' needs a service of type '{typeof(T)}' for its constructor parameter '{parameter}', but none is registered.");
    }

    /// <summary>The service for an optional constructor parameter, or <paramref name="fallback"/> when there is none.</summary>
    /// <param name="services">The host's services, or <see langword="null"/> when it has none.</param>
    /// <param name="fallback">The parameter's default value.</param>
    public static T? Optional<T>(IServiceProvider? services, T? fallback) =>
        services?.GetService(typeof(T)) is T service ? service : fallback;
}
