using System.Security.Cryptography;

namespace SessionGen;

/// <summary>Identifies one session. A value type over a string; compare with <c>==</c>.</summary>
public readonly struct SessionId : IEquatable<SessionId>
{
    private readonly string? value;

    /// <summary>Wraps an existing id, for example one read back from a URL or a database.</summary>
    /// <param name="value">The id's text; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public SessionId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        this.value = value;
    }

    /// <summary>The id's text; empty for <c>default(SessionId)</c>.</summary>
    public string Value => value ?? "";

    /// <summary>Makes a new id from 128 cryptographically random bits, written as 32 lowercase hex digits.</summary>
    public static SessionId New()
    {
        Span<byte> bits = stackalloc byte[16];
        RandomNumberGenerator.Fill(bits);
        return new SessionId(Convert.ToHexString(bits).ToLowerInvariant());
    }

    /// <inheritdoc/>
    public bool Equals(SessionId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SessionId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The id's text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two ids by value.</summary>
    public static bool operator ==(SessionId left, SessionId right) => left.Equals(right);

    /// <summary>Compares two ids by value.</summary>
    public static bool operator !=(SessionId left, SessionId right) => !left.Equals(right);
}
