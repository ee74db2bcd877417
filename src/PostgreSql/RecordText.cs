using System.Buffers;
using System.Text;

namespace SessionGen;

/// <summary>
/// Refuses, before it is queued, text that PostgreSQL cannot store: a NUL character (<c>text</c> forbids it) or a lone
/// surrogate (not UTF-8). Sent in a batch, either would fail the whole transaction, and so the other sessions' writes.
/// </summary>
internal static class RecordText
{
    public static void Check(SessionRecord record)
    {
        Check(record.Process, "process name");
        Check(record.Id.Value, "session id");
        foreach (CorrelationKey key in record.Keys)
        {
            Check(key.Set, "correlation key set");
            Check(key.Value, "correlation key value");
        }
    }

    /// <summary>False when <paramref name="text"/> holds a NUL character or a lone surrogate: no stored text equals it.</summary>
    public static bool IsStorable(string? text)
    {
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int used) != OperationStatus.Done || rune.Value == 0)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    private static void Check(string? text, string what)
    {
        if (!IsStorable(text))
        {
            throw new ArgumentException($"The {what} holds a NUL character or a lone surrogate, which PostgreSQL cannot store as text.", "record");
        }
    }
}
