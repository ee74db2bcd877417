namespace SessionGen.Runtime.Tests.Integration;

/// <summary>The smallest <see cref="IServiceProvider"/>: the runtime needs nothing more from dependency injection.</summary>
internal sealed class ServiceMap(params object[] services) : IServiceProvider
{
    public object? GetService(Type serviceType) => services.FirstOrDefault(serviceType.IsInstanceOfType);
}
