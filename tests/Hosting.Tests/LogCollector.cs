using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SessionGen.Hosting.Tests;

/// <summary>Keeps every log entry with its structured fields, as a structured-logging sink would see them.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyCollection<Entry> Entries => entries;

    public sealed record Entry(string Category, LogLevel Level, string EventName, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (KeyValuePair<string, object?> pair in pairs)
                {
                    fields[pair.Key] = pair.Value;
                }
            }

            collector.entries.Enqueue(new Entry(category, logLevel, eventId.Name ?? "", formatter(state, exception), fields, exception));
        }
    }
}
