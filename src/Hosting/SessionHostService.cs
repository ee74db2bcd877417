using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SessionGen.Hosting;

/// <summary>
/// Ties the <see cref="SessionHost"/> to the application's lifetime: created at start (so a misconfiguration
/// shows then, not at the first message), drained at stop within the application's shutdown deadline, and
/// its dead letters logged meanwhile.
/// </summary>
internal sealed class SessionHostService : IHostedService
{
    private readonly SessionHost host;
    private readonly ILogger logger;
    private Task deadLetterLogging = Task.CompletedTask;

    public SessionHostService(SessionHost host, ILoggerFactory? loggerFactory = null)
    {
        this.host = host;
        logger = loggerFactory?.CreateLogger(SessionLog.Category) ?? NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            deadLetterLogging = LogDeadLettersAsync(host.SubscribeDeadLetters());
        }

        // Durable sessions' timeouts that fell due while the application was down fire now, the rest when due.
        if (host.Store is not null)
        {
            await host.RecoverAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finishes the messages already accepted; when <paramref name="cancellationToken"/> (the application's shutdown
    /// deadline) fires first, sessions end at once and what they still held is dead-lettered.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await host.StopAsync(cancellationToken).ConfigureAwait(false);

        // The subscription completes once no handler that outlived the host's deadline can file a letter any more. The
        // stop waits for that only until the application's deadline: past it (and when that deadline is what ended the
        // sessions, it has passed already), the log goes on in the background, so the letters such handlers file later
        // (a one-way message given up on the stopping token) are still logged, and one that never returns holds up nothing.
        try
        {
            await deadLetterLogging.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A logger that throws once the application has let go of it ends the log; its exception is observed here.
            _ = deadLetterLogging.ContinueWith(
                static logging => _ = logging.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task LogDeadLettersAsync(DeadLetterSubscription subscription)
    {
        try
        {
            // Completes when the host has stopped and no handler that outlived its deadline can file a letter any more.
            IAsyncEnumerable<DeadLetter> stream = subscription;
            await foreach (DeadLetter deadLetter in stream.ConfigureAwait(false))
            {
                SessionLog.DeadLetter(logger, deadLetter.Operation, deadLetter.SessionId.ToString(), deadLetter.Reason);
            }
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }
}
