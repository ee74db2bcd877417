namespace SessionGen.Orleans;

/// <summary>SessionGen's exceptions into <see cref="SessionFailure"/> (on the silo) and back (at the caller).</summary>
internal static class Failures
{
    public static SessionFailure Encode(Exception error, SessionId id, string operation)
    {
        string message = error.Message;
        string sessionId = (error as SessionException)?.SessionId.Value ?? id.Value;
        return error switch
        {
            SessionNotFoundException => new(FailureKind.NotFound, message, sessionId, operation, null, null, null, 0, null),
            SessionCallerRequiredException required => new(FailureKind.CallerRequired, message, sessionId, required.Operation, null, null, null, 0, null),
            SessionFaultedException faulted => new(FailureKind.Faulted, message, sessionId, faulted.Operation,
                faulted.InnerException?.GetType().FullName, faulted.InnerException?.Message, null, 0, null),
            UnknownOperationException unknown => new(FailureKind.UnknownOperation, message, sessionId, unknown.Operation, null, null, null, 0, null),
            MailboxFullException full => new(FailureKind.MailboxFull, message, sessionId, operation, null, null, null, full.Capacity, null),
            MessageNotAcceptedException refused => new(FailureKind.NotAccepted, message, sessionId, refused.Operation, null, null, refused.State, 0, null),
            SessionAlreadyExistsException => new(FailureKind.AlreadyExists, message, sessionId, operation, null, null, null, 0, null),
            MessageExpiredException expired => new(FailureKind.Expired, message, sessionId, expired.Operation, null, null, null, expired.TimeToLive.Ticks, null),
            HandlerTimeLimitExceededException limit => new(FailureKind.TimeLimit, message, sessionId, limit.Operation, null, null, null, limit.Limit.Ticks, null),
            CallCycleException cycle => new(FailureKind.CallCycle, message, sessionId, cycle.Operation, null, null, null, 0,
                [.. cycle.CallChain.Select(static link => link.Value)]),
            SessionStateException state => new(FailureKind.State, message, sessionId, operation,
                state.InnerException?.GetType().FullName, state.InnerException?.Message, null, 0, null),
            ArgumentException => new(FailureKind.Argument, message, sessionId, operation, error.GetType().FullName, null, null, 0, null),
            OperationCanceledException => new(FailureKind.Canceled, message, sessionId, operation, null, null, null, 0, null),
            ObjectDisposedException => new(FailureKind.Stopping, message, sessionId, operation, null, null, null, 0, null),
            _ => new(FailureKind.Other, message, sessionId, operation, error.GetType().FullName, null, null, 0, null),
        };
    }

    /// <summary>
    /// A handler's result that could not be written: the writer's exception type and message, whatever the type (not
    /// <see cref="Encode"/>'s kinds, which are the host's: an <see cref="ObjectDisposedException"/> there is a stopping
    /// silo, which a send with a message id sends again; an <see cref="ArgumentException"/> would lose its type).
    /// </summary>
    public static SessionFailure Unwritable(Exception error, SessionId id, string operation) =>
        new(FailureKind.Other, error.Message, id.Value, operation, error.GetType().FullName, null, null, 0, null);

    public static SessionFailure UnknownProcess(string process, SessionId id, string operation) =>
        new(FailureKind.UnknownProcess,
            $"The silo knows no process named '{process}' (a durable process registers itself as its assembly loads; add others with SessionGenSiloOptions.AddProcess).",
            id.Value, operation, null, null, null, 0, null);

    public static SessionFailure UnknownOperation(string process, SessionId id, string operation) =>
        new(FailureKind.UnknownOperation, $"Process '{process}' has no operation '{operation}'.", id.Value, operation, null, null, null, 0, null);

    /// <summary>A failure that says nothing about the session: the silo is stopping, the call may go to another one.</summary>
    public static bool IsTransient(SessionFailure failure) => failure.Kind == FailureKind.Stopping;

    public static Exception Decode(SessionFailure failure)
    {
        // A correlated send that found no session has no session id (SessionId's default).
        SessionId id = failure.SessionId.Length == 0 ? default : new SessionId(failure.SessionId);
        string operation = failure.Operation ?? "";
        return failure.Kind switch
        {
            FailureKind.NotFound => new SessionNotFoundException(id, failure.Message),
            FailureKind.CallerRequired => new SessionCallerRequiredException(id, operation),
            FailureKind.Faulted => new SessionFaultedException(id, operation,
                new RemoteException(failure.TypeName ?? typeof(Exception).FullName!, failure.InnerMessage ?? "")),
            FailureKind.UnknownOperation or FailureKind.UnknownProcess => new UnknownOperationException(id, operation, failure.Message),
            FailureKind.MailboxFull => new MailboxFullException(id, (int)failure.Number),
            FailureKind.NotAccepted => new MessageNotAcceptedException(id, operation, failure.State ?? "", ReasonOf(failure.Message)),
            FailureKind.AlreadyExists => new SessionAlreadyExistsException(id, failure.Message),
            FailureKind.Expired => new MessageExpiredException(id, operation, TimeSpan.FromTicks(failure.Number)),
            FailureKind.TimeLimit => new HandlerTimeLimitExceededException(id, operation, TimeSpan.FromTicks(failure.Number)),
            FailureKind.CallCycle => new CallCycleException(id, operation, [.. (failure.Chain ?? []).Select(static link => new SessionId(link))]),
            FailureKind.State => new SessionStateException(id, failure.Message,
                failure.TypeName is null ? null : new RemoteException(failure.TypeName, failure.InnerMessage ?? "")),
            FailureKind.Argument => new ArgumentException(failure.Message),
            FailureKind.Canceled => new OperationCanceledException(failure.Message),
            FailureKind.Stopping => new ObjectDisposedException(nameof(SessionHost), failure.Message),
            _ => new RemoteException(failure.TypeName ?? typeof(Exception).FullName!, failure.Message),
        };
    }

    // MessageNotAcceptedException writes "Session '…' did not accept '…' in state '…': {reason}."; it keeps no Reason.
    private static string ReasonOf(string message)
    {
        int colon = message.IndexOf("': ", StringComparison.Ordinal);
        return colon < 0 ? message : message[(colon + 3)..].TrimEnd('.');
    }
}
