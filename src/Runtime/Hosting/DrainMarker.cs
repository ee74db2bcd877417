using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Queued behind everything a session had accepted when its host began to stop: when it runs, all of
/// that has been handled, and it ends the session.
/// </summary>
internal sealed class DrainMarker : MailboxItem
{
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Drained => drained.Task;

    internal override ValueTask RunAsync(SessionContext session)
    {
        // A durable session leaves memory but lives on in its store; the others end with their host.
        if (session.IsDurable)
        {
            session.Unload();
        }
        else
        {
            session.EndSession();
        }

        return default;
    }

    internal override void Complete() => drained.TrySetResult();

    internal override void Reject(SessionContext session, Exception answer, DeadLetterReason? reason) => drained.TrySetResult();
}
