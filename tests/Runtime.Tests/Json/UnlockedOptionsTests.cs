using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionGen.Infrastructure;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Json;

/// <summary>
/// Options nobody has used yet (not read-only) give no cached contract: each lookup builds one anew. The runtime reads
/// and writes messages without a serializer call, so nothing else would lock such options, and every property of
/// every message paid for a new contract (an Orleans cluster without a durable session spent four times its grain
/// call on it). The first message locks them, as System.Text.Json's first serializer call does.
/// </summary>
public sealed class UnlockedOptionsTests
{
    private static SessionOperation Book => FrontDesk.SessionDefinition.Instance.FindOperation("Book")!;

    // Only types written without a serializer call: nothing but the runtime touches the options.
    private static SessionOperation Odd => FrontDesk.SessionDefinition.Instance.FindOperation("Odd")!;

    [Fact]
    public void Messages_written_and_read_with_fresh_options_resolve_each_type_once()
    {
        var resolver = new CountingResolver(FrontDeskJson.Default);
        var options = new JsonSerializerOptions { TypeInfoResolver = resolver };
        var message = new FrontDesk.Messages.Odd("ann", 3, "p", 4);

        for (int i = 0; i < 50; i++)
        {
            byte[] json = Odd.SerializeMessage(message, options);
            Assert.Equal(message, Odd.DeserializeMessage(json, options));
            Assert.Equal(9, Odd.DeserializeResult(Odd.SerializeResult(9, options), options));
        }

        Assert.All(resolver.Asked, pair => Assert.True(pair.Value <= 1, $"{pair.Key} was resolved {pair.Value} times"));
        Assert.Contains(typeof(string), resolver.Asked.Keys);
        Assert.True(options.IsReadOnly);
    }

    [Fact]
    public void Options_locked_by_a_message_still_say_why_a_type_they_cannot_serialize_fails()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new CountingResolver(new EmptyResolver()) };

        var error = Assert.Throws<InvalidOperationException>(() =>
            Book.SerializeMessage(new FrontDesk.Messages.Book("ann", 3, new DateOnly(2026, 5, 1)), options));

        Assert.Contains("JsonSerializable", error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingResolver(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public Dictionary<Type, int> Asked { get; } = [];

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            lock (Asked)
            {
                Asked[type] = Asked.GetValueOrDefault(type) + 1;
            }

            return inner.GetTypeInfo(type, options);
        }
    }

    private sealed class EmptyResolver : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) => null;
    }
}
