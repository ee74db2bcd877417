using System.Reflection;
using System.Threading.Tasks.Sources;
using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;
using SessionGen.Infrastructure;

namespace SessionGen.Concurrency.Tests;

/// <summary>
/// A request whose handler has run races its time limit: the turn answers it (Complete) while the clock fires the limit
/// (OnTimeLimit, on the clock's thread) and its caller waits to read the answer and return the request to its pool.
/// </summary>
public static class RequestAnswerTests
{
    // Called by reflection: Coyote 1.7.11's rewriter emits invalid IL around a direct call, from another assembly, of a
    // method that returns a ValueTask (see docs/concurrency-testing.md).
    private static readonly MethodInfo RunAsync = typeof(Request<LimitedProbe, LimitedProbe.Messages.Echo, int>)
        .GetMethod("RunAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;

    [Test]
    public static async Task AnsweredOnceByItsHandlerOrItsTimeLimit()
    {
        var clock = new ManualClock();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = clock });
        var session = new SessionContext(host, SessionId.New(), LimitedProbe.SessionDefinition.Instance);
        session.Bind(LimitedProbe.SessionDefinition.Instance.CreateBoundProcess(session));
        var request = Request<LimitedProbe, LimitedProbe.Messages.Echo, int>.Rent(
            LimitedProbe.SessionDefinition.EchoOperation, new LimitedProbe.Messages.Echo(7), default);
        request.AttachTo(session);
        short version = request.Version;
        RunAsync.Invoke(request, [session]);   // the handler has run, synchronously; its time limit is armed

        Task answering = Task.Run(request.Complete);
        Task ticking = Task.Run(() => clock.Advance(TimeSpan.FromSeconds(1)));
        var source = (IValueTaskSource<int>)request;
        Task<string> caller = Task.Run(async () =>
        {
            while (source.GetStatus(version) == ValueTaskSourceStatus.Pending)
            {
                await Task.Yield();
            }

            try
            {
                return $"result {source.GetResult(version)}";
            }
            catch (HandlerTimeLimitExceededException)
            {
                return "time limit";
            }
        });
        await Task.WhenAll(answering, ticking);
        string answer = await caller;

        Specification.Assert(answer is "result 7" or "time limit", $"the caller was told {answer}");
        Specification.Assert((answer == "time limit") == session.IsEnded, $"told {answer}, yet the session ended: {session.IsEnded}");
        Specification.Assert(host.PendingTimeoutCount == 0, $"{host.PendingTimeoutCount} timeouts pending");
    }
}
