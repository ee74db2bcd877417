using System.Text.Json;

namespace SessionGen.Infrastructure;

/// <summary>The operation's message and result as JSON: the message through the generated entry's writer and reader, the result through the options' contract for <typeparamref name="TResult"/>.</summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    /// <summary>
    /// Writes <paramref name="message"/> as a JSON object: one property per handler parameter, named with a lower-case
    /// first letter, each value written with <see cref="JsonMessageWriter.WriteProperty{T}"/>. Generated per operation.
    /// </summary>
    /// <param name="writer">Where to write it.</param>
    /// <param name="message">The message.</param>
    /// <param name="options">The options whose contracts write the values.</param>
    protected abstract void WriteMessageJson(Utf8JsonWriter writer, TMessage message, JsonSerializerOptions options);

    /// <summary>
    /// Reads a message from the JSON object at <paramref name="reader"/> with the steps of <see cref="JsonMessageReader"/>:
    /// either case of a property's first letter, unknown properties skipped, a nullable parameter optional, a missing
    /// required one an error naming it. Generated per operation.
    /// </summary>
    /// <param name="reader">The reader, before the object or on its opening brace; left on its closing brace.</param>
    /// <param name="options">The options whose contracts read the values.</param>
    /// <returns>The message.</returns>
    /// <exception cref="JsonException">The JSON is not an object of the message's properties.</exception>
    protected abstract TMessage ReadMessageJson(ref Utf8JsonReader reader, JsonSerializerOptions options);

    private protected sealed override void WriteMessageCore(Utf8JsonWriter writer, object message, JsonSerializerOptions options)
    {
        if (message is not TMessage typed)
        {
            throw new ArgumentException($"Operation '{this}' writes messages of type {typeof(TMessage)}, not {message.GetType()}.", nameof(message));
        }

        WriteMessageJson(writer, typed, options);
    }

    private protected sealed override object ReadMessageCore(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        ReadMessageJson(ref reader, options);

    private protected sealed override void WriteResultCore(Utf8JsonWriter writer, object? result, JsonSerializerOptions options)
    {
        if (typeof(TResult) == typeof(ValueTuple))
        {
            writer.WriteNullValue();
            return;
        }

        TResult typed = result switch
        {
            TResult value => value,
            null when default(TResult) is null => default!,
            _ => throw new ArgumentException($"Operation '{this}' has results of type {typeof(TResult)}, not {result?.GetType().ToString() ?? "null"}.", nameof(result)),
        };
        JsonValues<TResult>.OfResult(options, this).Write(writer, typed);
    }

    private protected sealed override object? ReadResultCore(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (typeof(TResult) == typeof(ValueTuple))
        {
            // No result: written as null (DeserializeResult also reads empty input, such as the body of a 204, as none).
            if (reader.TokenType == JsonTokenType.None)
            {
                reader.Read();
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            throw new JsonException($"The operation has no result, so it is null, not {reader.TokenType}.");
        }

        return JsonValues<TResult>.OfResult(options, this).Read(ref reader);
    }
}
