using System.Diagnostics;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>One span per handled message, on the SessionGen activity source, as OpenTelemetry would collect it.</summary>
[Collection(ProbeHosts.Collection)]
public sealed class TracingTests
{
    [Fact]
    public async Task Each_handled_message_is_a_span_that_is_a_child_of_the_senders_activity()
    {
        using var spans = new SpanRecorder();
        await using SessionHost host = ProbeHosts.Create(out _);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();

        ActivityTraceId traceId;
        ActivitySpanId senderId;
        using (Activity sender = SpanRecorder.Senders.StartActivity("send")!)
        {
            traceId = sender.TraceId;
            senderId = sender.SpanId;
            await probe.PingAsync(0).Guarded();
        }

        Activity span = Assert.Single(spans.SpansOf(probe.Id), static s => Equals(s.GetTagItem(SessionTelemetry.OperationTag), "Ping"));
        Assert.Equal(traceId, span.TraceId);
        Assert.Equal(senderId, span.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("Diagnostics.Probe.Ping", span.DisplayName);
        Assert.Equal("Diagnostics.Probe", span.GetTagItem(SessionTelemetry.ProcessTag));
        Assert.Equal(probe.Id.Value, span.GetTagItem(SessionTelemetry.SessionIdTag));
        Assert.Equal("ok", span.GetTagItem(SessionTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Without_a_sender_activity_the_span_is_a_root_and_the_handler_runs_inside_it()
    {
        using var spans = new SpanRecorder();
        await using SessionHost host = ProbeHosts.Create(out _);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();
        Assert.Null(Activity.Current);

        string? seenInside = await probe.CurrentSpanAsync().Guarded();

        Activity span = Assert.Single(spans.SpansOf(probe.Id), static s => Equals(s.GetTagItem(SessionTelemetry.OperationTag), "CurrentSpan"));
        Assert.Equal(default, span.ParentSpanId);
        Assert.Equal(span.SpanId.ToHexString(), seenInside);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task A_faulted_handler_leaves_an_error_span_with_the_exception_type()
    {
        using var spans = new SpanRecorder();
        await using SessionHost host = ProbeHosts.Create(out _);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();

        await Assert.ThrowsAsync<SessionFaultedException>(() => probe.FailAsync().Guarded());

        Activity span = Assert.Single(spans.SpansOf(probe.Id), static s => Equals(s.GetTagItem(SessionTelemetry.OperationTag), "Fail"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("faulted", span.GetTagItem(SessionTelemetry.OutcomeTag));
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
    }
}
