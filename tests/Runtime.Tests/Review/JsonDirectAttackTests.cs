using System.Text;
using System.Text.Json;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// Review of the JSON direct path (JsonValues): input the serializer refuses must be refused the same way (a
/// <see cref="JsonException"/>) when the direct path reads it, and the per-thread property-name cache must never hand
/// one name's string to another spelling.
/// </summary>
public sealed class JsonDirectAttackTests
{
    private static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = FrontDeskJson.Default };

    private static SessionOperation Operation(string name) => FrontDesk.SessionDefinition.Instance.FindOperation(name)!;

    private static byte[] Utf8With(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    [Fact]
    public void Invalid_utf8_in_a_string_property_is_a_JsonException_as_the_serializer_says()
    {
        byte[] json = Utf8With("""{"guest":"a""", [0xFF, 0xFE], """n","nights":3,"arrival":"2026-05-01"}""");

        Assert.Throws<JsonException>(() => Operation("Book").DeserializeMessage(json, Json));
    }

    [Fact]
    public void Invalid_utf8_in_a_string_result_is_a_JsonException_as_the_serializer_says()
    {
        byte[] json = Utf8With("\"x", [0xC3, 0x28], "\"");

        Assert.Throws<JsonException>(() => Operation("Note").DeserializeResult(json, Json));
    }

    [Fact]
    public void Escaped_unicode_and_long_strings_read_as_the_serializer_reads_them()
    {
        string longName = new('é', 100_000);
        foreach (string guest in new[] { "\u00e9\ud83d\ude00", "a\"b\\c\n", longName, string.Empty })
        {
            var message = new FrontDesk.Messages.Book(guest, int.MaxValue, new DateOnly(2026, 5, 1));
            byte[] written = Operation("Book").SerializeMessage(message, Json);
            Assert.Equal(message, Operation("Book").DeserializeMessage(written, Json));
        }

        Assert.Equal(
            new FrontDesk.Messages.Book("é😀", int.MinValue, new DateOnly(2026, 5, 1)),
            Operation("Book").DeserializeMessage("""{"guest":"\u00e9\ud83d\ude00","nights":-2147483648,"arrival":"2026-05-01"}"""u8.ToArray(), Json));
        Assert.Throws<JsonException>(() =>
            Operation("Book").DeserializeMessage("""{"guest":"a","nights":2147483648,"arrival":"2026-05-01"}"""u8.ToArray(), Json));
        Assert.Throws<JsonException>(() =>
            Operation("Book").DeserializeMessage("""{"guest":"a","nights":1.0,"arrival":"2026-05-01"}"""u8.ToArray(), Json));
    }

    [Fact]
    public void Property_names_written_differently_never_share_a_cached_string_across_threads()
    {
        // Escaped and unescaped, upper and lower case: each reading sees its own property, on many threads at once.
        string[] spellings = ["""{"guest":"a","nights":1,"arrival":"2026-05-01"}""", """{"Guest":"b","Nights":2,"Arrival":"2026-05-02"}""",
            """{"gu\u0065st":"c","nights":3,"arrival":"2026-05-03"}""", """{"GUEST":"d","NIGHTS":4,"ARRIVAL":"2026-05-04"}"""];
        object[] expected = spellings.Select(json => Operation("Book").DeserializeMessage(Encoding.UTF8.GetBytes(json), Json)).ToArray();
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int which = i % spellings.Length;
            Assert.Equal(expected[which], Operation("Book").DeserializeMessage(Encoding.UTF8.GetBytes(spellings[which]), Json));
        });
        Assert.Equal("d", ((FrontDesk.Messages.Book)expected[3]).Guest);
    }
}
