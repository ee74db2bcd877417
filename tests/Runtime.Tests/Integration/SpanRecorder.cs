using System.Collections.Concurrent;
using System.Diagnostics;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>Listens to SessionGen's activity source (and the tests' own, for parents) and keeps the finished spans.</summary>
internal sealed class SpanRecorder : IDisposable
{
    public static readonly ActivitySource Senders = new("SessionGen.Tests.Senders");

    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> stopped = new();

    public SpanRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name is SessionTelemetry.ActivitySourceName or "SessionGen.Tests.Senders",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The finished SessionGen spans of one session.</summary>
    public Activity[] SpansOf(SessionId session) =>
        stopped.Where(span => span.Source.Name == SessionTelemetry.ActivitySourceName
            && Equals(span.GetTagItem(SessionTelemetry.SessionIdTag), session.Value)).ToArray();

    public void Dispose() => listener.Dispose();
}
