using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SessionGen;

/// <summary>
/// Identifies one session. A value type over a string; compare with <c>==</c>. The ids <see cref="New"/> makes
/// (and any text of 32 lowercase hex digits) are kept as their 128 bits rather than as a string, so a session
/// costs no string of its own and looking one up hashes two numbers; the text is written when asked for.
/// </summary>
public readonly struct SessionId : IEquatable<SessionId>
{
    private const int HexLength = 32;

    // Marks an id kept as bits: never equal, by reference, to any text a caller passes in.
    private static readonly string Bits = new('#', 1);

    private const int RandomBatchLength = 4096;

    [ThreadStatic]
    private static byte[]? randomBits;

    [ThreadStatic]
    private static int randomUsed;

    private readonly string? text;
    private readonly ulong high;
    private readonly ulong low;

    /// <summary>Wraps an existing id, for example one read back from a URL or a database.</summary>
    /// <param name="value">The id's text; not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public SessionId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (TryParseHex(value, out high, out low))
        {
            text = Bits;
        }
        else
        {
            text = value;
            high = low = 0;
        }
    }

    private SessionId(ulong high, ulong low)
    {
        text = Bits;
        this.high = high;
        this.low = low;
    }

    /// <summary>The id's text; empty for <c>default(SessionId)</c>.</summary>
    public string Value => ReferenceEquals(text, Bits) ? FormatHex(high, low) : text ?? "";

    /// <summary>Makes a new id from 128 cryptographically random bits, written as 32 lowercase hex digits.</summary>
    public static SessionId New()
    {
        // The operating system's generator costs as much per call for 16 bytes as for 4 KB: draw in batches.
        byte[] pool = randomBits ??= new byte[RandomBatchLength];
        if (randomUsed == 0 || randomUsed == RandomBatchLength)
        {
            RandomNumberGenerator.Fill(pool);
            randomUsed = 0;
        }

        ReadOnlySpan<byte> bits = pool.AsSpan(randomUsed, 16);
        randomUsed += 16;
        return new SessionId(BinaryPrimitives.ReadUInt64BigEndian(bits), BinaryPrimitives.ReadUInt64BigEndian(bits[8..]));
    }

    /// <inheritdoc/>
    public bool Equals(SessionId other) =>
        ReferenceEquals(text, Bits)
            ? ReferenceEquals(other.text, Bits) && high == other.high && low == other.low
            : !ReferenceEquals(other.text, Bits) && string.Equals(text ?? "", other.text ?? "", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SessionId other && Equals(other);

    // Ids come from callers (URLs, starter messages), so a hash they can predict lets them pile sessions into one
    // bucket of the host's table. HashCode.Combine and ordinal string hashing are both seeded per process. The
    // four 32-bit words go in separately: a ulong's own hash folds its words with XOR before any seed applies, so
    // Combine(high, low) would still hash every half of two equal words alike (as high ^ low did equal halves).
    /// <inheritdoc/>
    public override int GetHashCode() =>
        ReferenceEquals(text, Bits)
            ? HashCode.Combine((uint)(high >> 32), (uint)high, (uint)(low >> 32), (uint)low)
            : StringComparer.Ordinal.GetHashCode(text ?? "");

    /// <summary>The id's text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two ids by value.</summary>
    public static bool operator ==(SessionId left, SessionId right) => left.Equals(right);

    /// <summary>Compares two ids by value.</summary>
    public static bool operator !=(SessionId left, SessionId right) => !left.Equals(right);

    private static string FormatHex(ulong high, ulong low) =>
        string.Create(HexLength, (high, low), static (chars, bits) =>
        {
            bits.high.TryFormat(chars, out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            bits.low.TryFormat(chars[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });

    // Only the canonical form (lowercase) is kept as bits, so text and bits never stand for the same id.
    private static bool TryParseHex(string value, out ulong high, out ulong low)
    {
        high = low = 0;
        if (value.Length != HexLength)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        high = ulong.Parse(value.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        low = ulong.Parse(value.AsSpan(16), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
