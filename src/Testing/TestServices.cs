namespace SessionGen.Testing;

/// <summary>What process constructors of a test host get: its fake clock as the <see cref="TimeProvider"/>, then the added services, then the user's provider.</summary>
internal sealed class TestServices(TimeProvider time, IReadOnlyDictionary<Type, object> added, IServiceProvider? fallback) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(TimeProvider))
        {
            return time;
        }

        if (serviceType == typeof(IServiceProvider))
        {
            return this;
        }

        return added.TryGetValue(serviceType, out object? service) ? service : fallback?.GetService(serviceType);
    }
}
