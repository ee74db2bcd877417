using System.ComponentModel;
using System.Globalization;

namespace SessionGen.Infrastructure;

/// <summary>
/// Builds the value of a composite <see cref="CorrelationKey"/> from the parts a message carries: each part formatted
/// with the invariant culture (a null part is empty), parts joined by a separator no sane key part contains, a single
/// part as it is. The generic overloads format value types without boxing them. For code the SessionGen generator
/// emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CorrelationKeyParts
{
    // U+001F (unit separator) keeps ("a b", "c") apart from ("a", "b c"); CorrelationKey.ToString shows it as ", ".
    internal const char Separator = '\u001f';

    /// <summary>The value of a key of one part.</summary>
    public static string Combine<T1>(T1 part1) =>
        part1 is string text ? text : string.Create(CultureInfo.InvariantCulture, $"{part1}");

    /// <summary>The value of a key of two parts.</summary>
    public static string Combine<T1, T2>(T1 part1, T2 part2) =>
        string.Create(CultureInfo.InvariantCulture, $"{part1}{Separator}{part2}");

    /// <summary>The value of a key of three parts.</summary>
    public static string Combine<T1, T2, T3>(T1 part1, T2 part2, T3 part3) =>
        string.Create(CultureInfo.InvariantCulture, $"{part1}{Separator}{part2}{Separator}{part3}");

    /// <summary>The value of a key of four parts.</summary>
    public static string Combine<T1, T2, T3, T4>(T1 part1, T2 part2, T3 part3, T4 part4) =>
        string.Create(CultureInfo.InvariantCulture, $"{part1}{Separator}{part2}{Separator}{part3}{Separator}{part4}");

    /// <summary>The value of a key of more parts (each boxed, as keys that long are rare).</summary>
    public static string Combine(params object?[] parts) =>
        parts.Length == 1 ? Format(parts[0]) : string.Join(Separator, parts.Select(Format));

    // The interpolated overloads above format exactly so: through ISpanFormattable or IFormattable with the invariant
    // culture, else ToString(), and a null as nothing.
    private static string Format(object? part) => string.Create(CultureInfo.InvariantCulture, $"{part}");
}
