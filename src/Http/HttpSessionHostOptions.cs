using System.Text.Json;

namespace SessionGen;

/// <summary>Settings of an <see cref="HttpSessionHost"/>: where each process is served, and how its JSON is read and written.</summary>
public sealed class HttpSessionHostOptions
{
    private readonly Dictionary<string, string> prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> eventTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// The options that write messages and read results and events: the same types as the server's (under Native AOT,
    /// a source-generated <c>JsonSerializerContext</c> in their <c>TypeInfoResolverChain</c>). Default: the web defaults.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Unread events a subscription holds before it overflows (<see cref="SubscriptionOverflowException"/>). Default: 10,000.</summary>
    public int SubscriptionCapacity { get; set; } = 10_000;

    /// <summary>
    /// How many times in a row a dropped event stream is reopened before its subscription ends with the last error.
    /// A reopened stream that ends (or fails on an event it cannot read) before delivering an event counts as one more
    /// failure in the row. Default: 10. The first reopening is at once, the next after 100 ms, doubling up to <see cref="MaxReconnectDelay"/>.
    /// </summary>
    public int MaxReconnectAttempts { get; set; } = 10;

    /// <summary>The longest wait between two attempts to reopen a dropped event stream. Default: 5 seconds.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Told of a one-way message (<see cref="HttpSessionHost.Post(SessionId, object)"/>) that the server did not queue
    /// or could not be reached with: its session id, its operation and the exception a send would have thrown. It runs on
    /// the host's posting loop: it must not block or throw. Default: none (the failure is dropped).
    /// </summary>
    public Action<SessionId, string, Exception>? PostFailed { get; set; }

    internal IReadOnlyDictionary<string, string> Prefixes => prefixes;

    internal IReadOnlyDictionary<string, Type> EventTypes => eventTypes;

    /// <summary>
    /// Says that the sessions of <paramref name="process"/> (its <see cref="SessionProcessAttribute.Name"/>, or its
    /// class name) are served under <paramref name="prefix"/>: the prefix the server passed to <c>MapSessionProcess</c>,
    /// relative to the <see cref="HttpClient.BaseAddress"/> (which should then end with <c>/</c>).
    /// </summary>
    /// <returns>These options, to chain calls.</returns>
    public HttpSessionHostOptions Map(string process, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(process);
        ArgumentNullException.ThrowIfNull(prefix);
        prefixes[process] = prefix.Trim('/');
        return this;
    }

    /// <summary>
    /// Delivers events whose Server-Sent Events name is <typeparamref name="TEvent"/>'s name (the server writes the
    /// payload's type name) as <typeparamref name="TEvent"/>, read with <see cref="SerializerOptions"/>. Events of names
    /// not declared so arrive as <see cref="RestoredEvent"/> (the name and the JSON).
    /// </summary>
    /// <returns>These options, to chain calls.</returns>
    public HttpSessionHostOptions Event<TEvent>()
    {
        eventTypes[typeof(TEvent).Name] = typeof(TEvent);
        return this;
    }
}
