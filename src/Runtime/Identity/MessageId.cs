namespace SessionGen;

/// <summary>
/// Identifies one message, so that sending it again (a retry after a lost answer, a redelivery from an outbox) does not
/// handle it twice: a session handles a repeated id once within <see cref="SessionHostOptions.DeduplicationWindow"/>.
/// Make one from text you already have (a request id, an outbox row's key) with <c>new MessageId(text)</c>, or a random
/// one with <see cref="New"/>. Two ids are equal when their texts are equal, ordinally.
/// </summary>
/// <remarks>
/// <para>
/// With a generated client's <c>{Operation}Async(…, messageId)</c>, a repeat within the window is not handled again:
/// it gets the first message's outcome, waiting for it while it is pending (until its cancellation token is
/// cancelled). With <c>Post{Operation}(…, messageId)</c>, a repeat of an id already accepted returns true and is not
/// queued again. An id whose message was never handled is free again.
/// </para>
/// <para>
/// There is deliberately no implicit conversion from <see cref="string"/>: with one, <c>host.SendAsync(id, "Op", "text")</c>
/// would be ambiguous between sending by operation name and sending with a message id.
/// </para>
/// </remarks>
public readonly struct MessageId : IEquatable<MessageId>
{
    private readonly string? value;

    /// <summary>Wraps an existing id.</summary>
    /// <param name="value">The id's text; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public MessageId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    /// <summary>The id's text; empty for <c>default(MessageId)</c>, which no send accepts.</summary>
    public string Value => value ?? "";

    /// <summary>Makes a new id from a random <see cref="Guid"/>, written as 32 lowercase hex digits.</summary>
    public static MessageId New() => new(Guid.NewGuid().ToString("N"));

    /// <inheritdoc/>
    public bool Equals(MessageId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MessageId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The id's text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two ids by value.</summary>
    public static bool operator ==(MessageId left, MessageId right) => left.Equals(right);

    /// <summary>Compares two ids by value.</summary>
    public static bool operator !=(MessageId left, MessageId right) => !left.Equals(right);

    /// <summary>Refuses <c>default(MessageId)</c>, which identifies nothing.</summary>
    internal static void ThrowIfEmpty(MessageId messageId, string parameterName)
    {
        if (messageId.value is null)
        {
            throw new ArgumentException("The message id is empty (default(MessageId)): make one with new MessageId(text) or MessageId.New().", parameterName);
        }
    }
}
