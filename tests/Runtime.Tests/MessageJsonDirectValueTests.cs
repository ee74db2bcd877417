using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

/// <summary>
/// A string, int, long or bool with System.Text.Json's own converter is read and written on the reader and writer
/// directly: the JSON, the values and the errors must be what the serializer makes of them, and anything the options
/// change (a converter of the application's, number handling, another options object) must still be honoured.
/// </summary>
public sealed class MessageJsonDirectValueTests
{
    private static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = FrontDeskJson.Default };

    private static SessionOperation Operation(string name) => FrontDesk.SessionDefinition.Instance.FindOperation(name)!;

    private static string Write(string operation, object message, JsonSerializerOptions options) =>
        Encoding.UTF8.GetString(Operation(operation).SerializeMessage(message, options));

    private static object Read(string operation, string json, JsonSerializerOptions options) =>
        Operation(operation).DeserializeMessage(Encoding.UTF8.GetBytes(json), options);

    [Fact]
    public void A_converter_of_the_applications_for_int_is_used_for_properties_and_results()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = FrontDeskJson.Default, Converters = { new RomanishInt() } };
        var message = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));

        // The default options first: a contract remembered for them must not be used for these.
        Assert.Equal("""{"guest":"ann","nights":3,"arrival":"2026-05-01"}""", Write("Book", message, Json));
        Assert.Equal("""{"guest":"ann","nights":"n3","arrival":"2026-05-01"}""", Write("Book", message, options));
        Assert.Equal(message, Read("Book", """{"guest":"ann","nights":"n3","arrival":"2026-05-01"}""", options));
        Assert.Equal(message, Read("Book", """{"guest":"ann","nights":3,"arrival":"2026-05-01"}""", Json));

        Assert.Equal("\"n7\"", Encoding.UTF8.GetString(Operation("Odd").SerializeResult(7, options)));
        Assert.Equal(7, Operation("Odd").DeserializeResult("\"n7\""u8, options));
        Assert.Equal(7, Operation("Odd").DeserializeResult("7"u8, Json));
    }

    [Fact]
    public void A_converter_of_the_applications_for_string_is_used()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = FrontDeskJson.Default, Converters = { new ShoutingString() } };
        var message = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));

        Assert.Equal("""{"guest":"ANN","nights":3,"arrival":"2026-05-01"}""", Write("Book", message, options));
        Assert.Equal(new FrontDesk.Messages.Book("ann!", 3, new DateOnly(2026, 5, 1)), Read("Book", """{"guest":"ann","nights":3,"arrival":"2026-05-01"}""", options));
    }

    [Fact]
    public void Number_handling_of_the_options_is_honoured()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = FrontDeskJson.Default,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
        };
        var message = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));

        Assert.Equal("""{"guest":"ann","nights":"3","arrival":"2026-05-01"}""", Write("Book", message, options));
        Assert.Equal(message, Read("Book", """{"guest":"ann","nights":"3","arrival":"2026-05-01"}""", options));
        Assert.Equal("\"7\"", Encoding.UTF8.GetString(Operation("Odd").SerializeResult(7, options)));
        Assert.Equal(7, Operation("Odd").DeserializeResult("\"7\""u8, options));
    }

    [Fact]
    public void A_contract_with_number_handling_of_its_own_is_read_as_the_serializer_reads_it()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = FrontDeskJson.Default.WithAddedModifier(static info =>
            {
                if (info.Type == typeof(int))
                {
                    info.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString;
                }
            }),
        };
        var contract = (JsonTypeInfo<int>)options.GetTypeInfo(typeof(int));

        Assert.Equal(JsonSerializer.Serialize(4, contract), Encoding.UTF8.GetString(Operation("Odd").SerializeResult(4, options)));
        Assert.Equal(JsonSerializer.Deserialize("\"4\"", contract), Operation("Odd").DeserializeResult("\"4\""u8, options));
    }

    [Theory]
    [InlineData("\"three\"")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("{\"a\":1}")]
    public void A_bad_int_property_fails_with_the_serializers_words(string value)
    {
        string json = $$"""{"guest":"ann","nights":{{value}},"arrival":"2026-05-01"}""";

        JsonException error = Assert.Throws<JsonException>(() => Read("Book", json, Json));

        Assert.Equal(
            $"Operation 'Tests.FrontDesk.Book' cannot read its message: Property 'nights' is not a valid Int32: {SerializerErrorAt<int>(json, "nights")}",
            error.Message);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("true")]
    [InlineData("[\"a\"]")]
    [InlineData("{}")]
    public void A_bad_string_property_fails_with_the_serializers_words(string value)
    {
        string json = $$"""{"guest":{{value}},"nights":3,"arrival":"2026-05-01"}""";

        JsonException error = Assert.Throws<JsonException>(() => Read("Book", json, Json));

        Assert.Equal(
            $"Operation 'Tests.FrontDesk.Book' cannot read its message: Property 'guest' is not a valid String: {SerializerErrorAt<string>(json, "guest")}",
            error.Message);
    }

    [Theory]
    [InlineData("\"seven\"")]
    [InlineData("7.5")]
    [InlineData("null")]
    [InlineData("seven")]
    [InlineData("[7]")]
    public void A_bad_int_result_fails_with_the_serializers_words(string json)
    {
        JsonException error = Assert.Throws<JsonException>(() => Operation("Odd").DeserializeResult(Encoding.UTF8.GetBytes(json), Json));

        Assert.Equal($"Operation 'Tests.FrontDesk.Odd' cannot read its result: {SerializerError<int>(json)}", error.Message);
    }

    [Fact]
    public void Escaped_and_non_ascii_strings_read_and_write_as_the_serializer_does()
    {
        var message = new FrontDesk.Messages.Book("a\"n\\n\u00e9\U0001F600<", 3, new DateOnly(2026, 5, 1));

        string json = Write("Book", message, Json);

        Assert.Equal($$"""{"guest":{{JsonSerializer.Serialize(message.Guest, (JsonTypeInfo<string>)Json.GetTypeInfo(typeof(string)))}},"nights":3,"arrival":"2026-05-01"}""", json);
        Assert.Equal(message, Read("Book", json, Json));
        Assert.Equal(message, Read("Book", """{"guest":"a\"n\\n\u00e9\ud83d\ude00\u003c","nights":3,"arrival":"2026-05-01"}""", Json));
    }

    [Fact]
    public void Property_names_kept_from_earlier_messages_are_matched_by_their_exact_bytes()
    {
        var message = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));
        string unknown = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"x{i}\":{i}"));

        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(message, Read("Book", """{"guest":"ann","nights":3,"arrival":"2026-05-01"}""", Json));
            Assert.Equal(message, Read("Book", """{"Guest":"ann","Nights":3,"Arrival":"2026-05-01"}""", Json));
            Assert.Equal(message, Read("Book", """{"\u0067uest":"ann","night\u0073":3,"arrival":"2026-05-01"}""", Json));
            Assert.Equal(message, Read("Book", $$"""{{{unknown}},"guest":"ann","nights":3,"arrival":"2026-05-01","guesx":"bob","nightz":4}""", Json));
            Assert.Equal(message, Read("Book", $$"""{"{{new string('g', 100)}}":1,"guest":"ann","nights":3,"arrival":"2026-05-01"}""", Json));
            Assert.Equal(message, Read("Book", """{"guesT":"ann","nights":3,"arrival":"2026-05-01","guess":"x"}""", Json));
            JsonException missing = Assert.Throws<JsonException>(() => Read("Book", """{"guess":"ann","nights":3,"arrival":"2026-05-01"}""", Json));
            Assert.Contains("Property 'guest' is missing", missing.Message);
        }
    }

    /// <summary>What JsonSerializer says of <paramref name="json"/> as a whole value.</summary>
    private static string SerializerError<T>(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T)));
        }
        catch (JsonException exception)
        {
            return exception.Message;
        }

        return "(no error)";
    }

    /// <summary>What JsonSerializer says of the value of <paramref name="property"/> in <paramref name="json"/>, read as the message reader reaches it.</summary>
    private static string SerializerErrorAt<T>(string json, string property)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(property))
            {
                reader.Read();
                try
                {
                    JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T)));
                }
                catch (JsonException exception)
                {
                    return exception.Message;
                }

                return "(no error)";
            }
        }

        return "(no property)";
    }

    /// <summary>Writes 3 as "n3", reads it back.</summary>
    private sealed class RomanishInt : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            int.Parse(reader.GetString()!.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
            writer.WriteStringValue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n{value}"));
    }

    /// <summary>Writes upper case, reads with an exclamation mark.</summary>
    private sealed class ShoutingString : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() + "!";

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUpperInvariant());
    }
}
