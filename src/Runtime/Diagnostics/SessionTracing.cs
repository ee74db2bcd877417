using System.Collections.Concurrent;
using System.Diagnostics;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>The <c>SessionGen</c> activity source: one span per handled message.</summary>
internal static class SessionTracing
{
    public static readonly ActivitySource Source = new(SessionTelemetry.ActivitySourceName);

    // "Process.Operation" once per operation, not once per message.
    private static readonly ConcurrentDictionary<SessionOperation, string> SpanNames = new();

    public static string SpanName(SessionOperation operation) =>
        SpanNames.GetOrAdd(operation, static operation => operation.Process.ProtocolName + "." + operation.Name);
}
