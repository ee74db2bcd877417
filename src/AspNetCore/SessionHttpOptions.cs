using System.Text.Json;

namespace SessionGen;

/// <summary>Settings of the endpoints that <c>MapSessionProcess</c> maps.</summary>
public sealed class SessionHttpOptions
{
    /// <summary>The largest request body accepted, in bytes; a larger one is answered with 413. Default: 64 KiB.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// The options that read messages and write results and events. They must resolve type info for every
    /// handler parameter, result and event type (under Native AOT: a source-generated <c>JsonSerializerContext</c>
    /// in their <c>TypeInfoResolverChain</c>). Default: the application's HTTP JSON options
    /// (<c>ConfigureHttpJsonOptions</c>).
    /// </summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>How often an idle event stream sends a comment line, so proxies keep it open. Default: 15 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
