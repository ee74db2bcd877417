using System.ComponentModel;
using System.Globalization;

namespace SessionGen;

/// <summary>The values of one correlation set, which identify at most one session of a host.</summary>
/// <param name="Set">The correlation set's name.</param>
/// <param name="Value">The set's parts, combined in the set's order.</param>
public readonly record struct CorrelationKey(string Set, string Value)
{
    // A character that no sane key part contains keeps ("a b", "c") apart from ("a", "b c").
    private const char PartSeparator = '\u001f';

    /// <summary>Combines the parts of a composite key.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static string Combine(params object?[] parts)
    {
        if (parts.Length == 1)
        {
            return Format(parts[0]);
        }

        return string.Join(PartSeparator, parts.Select(Format));
    }

    /// <summary>The key as people read it: <c>person=(Ann, Smith)</c>.</summary>
    public override string ToString() => $"{Set}=({Value.Replace(PartSeparator.ToString(), ", ", StringComparison.Ordinal)})";

    private static string Format(object? part) => Convert.ToString(part, CultureInfo.InvariantCulture) ?? "";
}
