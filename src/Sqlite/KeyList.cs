using System.Globalization;
using System.Text;

namespace SessionGen;

/// <summary>
/// A record's correlation keys as one text column of <c>sessions</c>, so <see cref="SqliteSessionStore.ReadAsync"/>
/// gives back the keys the record listed (an ended session's too, which the <c>keys</c> table no longer holds).
/// Each key is <c>{set length}:{set}{value length}:{value}</c>, lengths in UTF-16 code units, so any text fits.
/// </summary>
internal static class KeyList
{
    public static string Encode(IReadOnlyList<CorrelationKey> keys)
    {
        if (keys.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (CorrelationKey key in keys)
        {
            Append(text, key.Set ?? "");
            Append(text, key.Value ?? "");
        }

        return text.ToString();
    }

    public static IReadOnlyList<CorrelationKey> Decode(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var keys = new List<CorrelationKey>();
        int position = 0;
        while (position < text.Length)
        {
            string set = Read(text, ref position);
            string value = Read(text, ref position);
            keys.Add(new CorrelationKey(set, value));
        }

        return keys;
    }

    private static void Append(StringBuilder text, string part) =>
        text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);

    private static string Read(string text, ref int position)
    {
        int colon = text.IndexOf(':', position);
        if (colon < 0)
        {
            throw new InvalidDataException("The stored key list is damaged.");
        }

        int length = int.Parse(text.AsSpan(position, colon - position), NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > text.Length - colon - 1)
        {
            throw new InvalidDataException("The stored key list is damaged.");
        }

        position = colon + 1 + length;
        return text.Substring(colon + 1, length);
    }
}
