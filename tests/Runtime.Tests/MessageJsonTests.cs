using System.Text;
using System.Text.Json;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

/// <summary>
/// Every operation writes and reads its message and result as JSON, as a transport that carries bytes does: through the
/// application's source-generated context only (the options have no reflection fallback), with the HTTP binding's contract.
/// </summary>
public sealed class MessageJsonTests
{
    private static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = FrontDeskJson.Default };

    private static SessionOperation Operation(string name) => FrontDesk.SessionDefinition.Instance.FindOperation(name)!;

    private static string Write(string operation, object message) => Encoding.UTF8.GetString(Operation(operation).SerializeMessage(message, Json));

    private static object Read(string operation, string json) => Operation(operation).DeserializeMessage(Encoding.UTF8.GetBytes(json), Json);

    [Fact]
    public void A_message_without_parameters_is_an_empty_object()
    {
        Assert.Equal("{}", Write("Open", new FrontDesk.Messages.Open()));
        Assert.IsType<FrontDesk.Messages.Open>(Read("Open", "{}"));
        Assert.IsType<FrontDesk.Messages.Open>(Read("Open", """{"anything":[1,{"x":2}]}"""));
    }

    [Fact]
    public void A_message_with_several_parameters_is_written_with_lower_case_names_and_read_back()
    {
        var message = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));

        string json = Write("Book", message);

        Assert.Equal("""{"guest":"ann","nights":3,"arrival":"2026-05-01"}""", json);
        Assert.Equal(message, Read("Book", json));
    }

    [Fact]
    public void Nullable_parameters_may_be_missing_or_null_and_are_written_as_null()
    {
        Assert.Equal(new FrontDesk.Messages.Note("x", null, null), Read("Note", """{"text":"x"}"""));
        Assert.Equal(new FrontDesk.Messages.Note("x", null, null), Read("Note", """{"text":"x","author":null,"priority":null}"""));
        Assert.Equal("""{"text":"x","author":null,"priority":null}""", Write("Note", new FrontDesk.Messages.Note("x", null, null)));

        var full = new FrontDesk.Messages.Note("x", "bo", 2);
        Assert.Equal("""{"text":"x","author":"bo","priority":2}""", Write("Note", full));
        Assert.Equal(full, Read("Note", Write("Note", full)));
    }

    [Fact]
    public void A_user_record_and_a_collection_go_through_the_source_generated_context()
    {
        var message = new FrontDesk.Messages.Invite(new Guest("ann", 30), ["vip", "late"]);

        string json = Write("Invite", message);
        var read = Assert.IsType<FrontDesk.Messages.Invite>(Read("Invite", json));

        Assert.Equal("""{"guest":{"Name":"ann","Age":30},"tags":["vip","late"]}""", json);
        Assert.Equal(new Guest("ann", 30), read.Guest);
        Assert.Equal(["vip", "late"], read.Tags);
    }

    [Fact]
    public void Parameters_named_like_the_generated_code_own_locals_do_not_clash_with_them()
    {
        var message = new FrontDesk.Messages.Odd("r", 1, null, 2);

        string json = Write("Odd", message);

        Assert.Equal("""{"reader":"r","options":1,"property":null,"value0":2}""", json);
        Assert.Equal(message, Read("Odd", json));
    }

    [Fact]
    public void Either_case_of_a_property_names_first_letter_is_read()
    {
        var expected = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));

        Assert.Equal(expected, Read("Book", """{"Guest":"ann","Nights":3,"Arrival":"2026-05-01"}"""));
        Assert.Equal(expected, Read("Book", """{"guest":"ann","Nights":3,"arrival":"2026-05-01"}"""));
    }

    [Fact]
    public void Unknown_properties_are_skipped_whatever_their_value()
    {
        object message = Read("Book", """{"extra":{"deep":[1,2,{"a":null}]},"guest":"ann","more":[],"nights":3,"arrival":"2026-05-01","last":true}""");

        Assert.Equal(new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1)), message);
    }

    [Fact]
    public void A_missing_required_property_is_an_error_naming_the_operation_and_the_property()
    {
        JsonException error = Assert.Throws<JsonException>(() => Read("Book", """{"guest":"ann","arrival":"2026-05-01"}"""));

        Assert.Contains("Tests.FrontDesk.Book", error.Message);
        Assert.Contains("Property 'nights' is missing", error.Message);
    }

    [Theory]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData(" ", "The message is empty")]
    [InlineData("""{"guest":"ann","nights":"three","arrival":"2026-05-01"}""", "Property 'nights' is not a valid Int32")]
    [InlineData("""{"guest":null,"nights":3,"arrival":"2026-05-01"}""", "Property 'guest' must not be null")]
    [InlineData("""{"guest":"ann","nights":3,"arrival":"2026-05-01"} {}""", "")]
    [InlineData("""{"guest":"ann",""", "")]
    public void A_malformed_message_is_a_json_error_naming_the_operation(string json, string explanation)
    {
        JsonException error = Assert.Throws<JsonException>(() => Read("Book", json));

        Assert.StartsWith("Operation 'Tests.FrontDesk.Book' cannot read its message: ", error.Message);
        Assert.Contains(explanation, error.Message);
    }

    [Fact]
    public void A_message_is_read_from_and_written_into_a_larger_document()
    {
        // An envelope as a transport might use: the operation's name beside its message.
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", "Note");
            writer.WritePropertyName("message");
            Operation("Note").WriteMessage(writer, new FrontDesk.Messages.Note("x", "bo", null), Json);
            writer.WriteNumber("after", 1);
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.ToArray());
        reader.Read(); // {
        reader.Read(); // "op"
        reader.Read();
        SessionOperation operation = Operation(reader.GetString()!);
        reader.Read(); // "message"
        reader.Read(); // its {
        object message = operation.ReadMessage(ref reader, Json);
        reader.Read();

        Assert.Equal(new FrontDesk.Messages.Note("x", "bo", null), message);
        Assert.Equal("after", reader.GetString()); // left on the message's closing brace
    }

    [Fact]
    public void Writing_another_operations_message_is_an_argument_error()
    {
        var writer = new Utf8JsonWriter(new MemoryStream());

        Assert.Throws<ArgumentException>(() => Operation("Book").WriteMessage(writer, new FrontDesk.Messages.Open(), Json));
    }

    [Fact]
    public void A_result_is_written_with_its_types_contract_and_read_back()
    {
        SessionOperation book = Operation("Book");
        var receipt = new Receipt("ann", 3, new DateOnly(2026, 5, 1), 360m);

        byte[] json = book.SerializeResult(receipt, Json);

        Assert.Equal("""{"Guest":"ann","Nights":3,"Arrival":"2026-05-01","Total":360}""", Encoding.UTF8.GetString(json));
        Assert.Equal(receipt, book.DeserializeResult(json, Json));
        Assert.Equal(new[] { "a", "b" }, Operation("Log").DeserializeResult(Operation("Log").SerializeResult(new[] { "a", "b" }, Json), Json));
        Assert.Equal(7, Operation("Odd").DeserializeResult("7"u8, Json));
    }

    [Fact]
    public void An_operation_without_a_result_writes_null_and_reads_null_or_nothing()
    {
        SessionOperation invite = Operation("Invite");

        Assert.Equal("null", Encoding.UTF8.GetString(invite.SerializeResult(null, Json)));
        Assert.Null(invite.DeserializeResult("null"u8, Json));
        Assert.Null(invite.DeserializeResult(""u8, Json));
        JsonException error = Assert.Throws<JsonException>(() => invite.DeserializeResult("1"u8, Json));
        Assert.Contains("Tests.FrontDesk.Invite", error.Message);
    }

    [Fact]
    public void A_malformed_result_is_a_json_error_naming_the_operation()
    {
        JsonException error = Assert.Throws<JsonException>(() => Operation("Odd").DeserializeResult("\"seven\""u8, Json));

        Assert.StartsWith("Operation 'Tests.FrontDesk.Odd' cannot read its result: ", error.Message);
        Assert.Throws<ArgumentException>(() => Operation("Odd").SerializeResult("seven", Json));
    }

    [Fact]
    public void Writing_a_message_and_its_result_into_a_reused_writer_allocates_no_description_per_property()
    {
        // A transport (the Orleans grain calls) writes every message and result into a writer it reuses. Each property
        // and result once formatted "property '{name}'" (and "the result of operation '{operation}'") for an error it
        // did not throw: a string per property per message.
        SessionOperation odd = Operation("Odd");
        var message = new FrontDesk.Messages.Odd("reader", 1, "property", 2);
        object result = 7;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer);
        void WriteBoth()
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            odd.WriteMessage(writer, message, Json);
            writer.Reset(buffer);
            odd.WriteResult(writer, result, Json);
            writer.Flush();
        }

        WriteBoth(); // contracts looked up and cached
        const int Rounds = 100;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            WriteBoth();
        }

        long perRound = (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;
        Assert.True(perRound < 32, $"{perRound} bytes per message and result");
    }

    [Fact]
    public void A_type_the_options_do_not_know_is_an_error_naming_it()
    {
        var incomplete = new JsonSerializerOptions { TypeInfoResolver = IncompleteJson.Default };
        var message = new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1));

        InvalidOperationException write = Assert.Throws<InvalidOperationException>(() => Operation("Book").SerializeMessage(message, incomplete));
        InvalidOperationException read = Assert.Throws<InvalidOperationException>(
            () => Operation("Book").DeserializeMessage("""{"arrival":"2026-05-01"}"""u8, incomplete));

        Assert.Contains("System.DateOnly", write.Message);
        Assert.Contains("'arrival'", read.Message);
    }

    [Fact]
    public async Task Messages_and_results_cross_a_byte_transport_to_a_session_and_back()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var id = SessionId.New();

        // The sending side writes (name, bytes); the receiving side reads the message, sends it, writes the result.
        async Task<byte[]> ReceiveAsync(string name, byte[] message)
        {
            SessionOperation operation = FrontDesk.SessionDefinition.Instance.FindOperation(name)!;
            object? result = await host.SendAsync(id, operation.DeserializeMessage(message, Json)).Guarded();
            return operation.SerializeResult(result, Json);
        }

        async Task<object?> CallAsync(string name, object message) =>
            Operation(name).DeserializeResult(await ReceiveAsync(name, Operation(name).SerializeMessage(message, Json)), Json);

        Assert.Null(await CallAsync("Open", new FrontDesk.Messages.Open()));
        Assert.Equal(new Receipt("ann", 2, new DateOnly(2026, 5, 1), 240m), await CallAsync("Book", new FrontDesk.Messages.Book("ann", 2, new DateOnly(2026, 5, 1))));
        Assert.Equal("x by nobody at 1 priority", await CallAsync("Note", new FrontDesk.Messages.Note("x", null, 1)));
        Assert.Null(await CallAsync("Invite", new FrontDesk.Messages.Invite(new Guest("bo", 40), ["a"])));
        Assert.Equal(new[] { "x by nobody at 1 priority", "bo (40): a" }, await CallAsync("Log", new FrontDesk.Messages.Log()));
    }
}
