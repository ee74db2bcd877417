using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// What a handler's exception means, decided in one place for awaited messages, one-way messages and timeouts
/// (Akka.NET's <c>ActorCell.Invoke</c> is the model): a handler that gave up because its caller cancelled, or
/// because the host is stopping, did not fail; anything else is a fault of the session, and its process's fault
/// policy and fault handler apply.
/// </summary>
internal static class HandlerFailure
{
    /// <summary>
    /// Classifies <paramref name="exception"/> thrown by the handler of <paramref name="name"/>: an
    /// <see cref="OperationCanceledException"/> (carrying <paramref name="callerToken"/>) for a cancellation someone
    /// asked for, otherwise the <see cref="SessionFaultedException"/> the fault policy has been applied to.
    /// </summary>
    public static Exception Classify(SessionContext session, string name, Exception exception, CancellationToken callerToken) =>
        exception is OperationCanceledException && (callerToken.IsCancellationRequested || session.Host.StoppingToken.IsCancellationRequested)
            ? new OperationCanceledException(exception.Message, exception, callerToken)
            : session.Fault(name, exception);

    /// <summary>Runs the process's fault handler on the turn when <paramref name="classified"/> is a fault.</summary>
    public static ValueTask RunFaultHandler(SessionContext session, Exception classified) =>
        classified is SessionFaultedException faulted ? session.RunFaultHandlerAsync(faulted) : default;
}
