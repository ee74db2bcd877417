namespace SessionGen;

/// <summary>
/// One session's memory of the message ids it was sent within the host's deduplication window: a repeated
/// id is not handled again, and its sender receives the first send's outcome (result or exception).
/// </summary>
internal sealed class MessageIdCache
{
    private readonly Dictionary<string, Task<object?>> outcomes = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, long Timestamp)> arrivals = new();
    private readonly SessionHost host;

    public MessageIdCache(SessionHost host)
    {
        this.host = host;
    }

    /// <summary>The first send's outcome for <paramref name="messageId"/>; runs <paramref name="send"/> only the first time.</summary>
    public Task<object?> SendOnce(string messageId, Func<ValueTask<object?>> send)
    {
        var outcome = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (this)
        {
            ForgetExpired();
            if (outcomes.TryGetValue(messageId, out Task<object?>? first))
            {
                return first;
            }

            outcomes.Add(messageId, outcome.Task);
            arrivals.Enqueue((messageId, host.TimeProvider.GetTimestamp()));
        }

        // Sent outside the lock: the handler may run on this thread (an idle session's turn runs inline), and user
        // code must never run under the cache's lock.
        _ = ForwardAsync(send, outcome);
        return outcome.Task;
    }

    private static async Task ForwardAsync(Func<ValueTask<object?>> send, TaskCompletionSource<object?> outcome)
    {
        try
        {
            outcome.SetResult(await send().ConfigureAwait(false));
        }
        catch (OperationCanceledException cancelled)
        {
            outcome.SetCanceled(cancelled.CancellationToken);
        }
        catch (Exception exception)
        {
            outcome.SetException(exception);
        }
    }

    private void ForgetExpired()
    {
        while (arrivals.TryPeek(out (string MessageId, long Timestamp) oldest)
            && host.TimeProvider.GetElapsedTime(oldest.Timestamp) >= host.DeduplicationWindow)
        {
            arrivals.Dequeue();
            outcomes.Remove(oldest.MessageId);
        }
    }
}
