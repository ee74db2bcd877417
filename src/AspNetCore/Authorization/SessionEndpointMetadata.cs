namespace SessionGen.AspNetCore.Authorization;

/// <summary>Marks the endpoints <c>MapSessionProcess</c> maps, so that refusals of their authorization are answered as problem details.</summary>
internal sealed class SessionEndpointMetadata
{
    public static readonly SessionEndpointMetadata Instance = new();

    private SessionEndpointMetadata()
    {
    }
}
