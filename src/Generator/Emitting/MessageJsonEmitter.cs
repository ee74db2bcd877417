using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// An operation's message as JSON, in its table entry: <c>WriteMessageJson</c> writes the record as an object and
/// <c>ReadMessageJson</c> builds it from one, so any transport (HTTP, bytes between nodes) can carry it. System.Text.Json's
/// own source generator cannot see the records this generator makes (generators do not see each other's output), so
/// this code walks the object itself and hands every property value to System.Text.Json with the <c>JsonTypeInfo</c>
/// of the parameter's type, taken from the application's serializer options (a source-generated
/// <c>JsonSerializerContext</c> under Native AOT). The property names are the handler's parameter names with a
/// lower-case first letter; either case is read, a nullable parameter may be missing or null.
/// </summary>
internal static class MessageJsonEmitter
{
    private const string Json = "global::System.Text.Json";

    /// <summary>
    /// The entry's two overrides. They call the steps of the runtime's <c>JsonMessageReader</c>/<c>JsonMessageWriter</c>
    /// by simple name, as protected members of <c>SessionOperation</c> the entry derives from (a member of the entry's own
    /// bases is found before anything the user's class or namespace declares, so no user name can hide one). Private
    /// members of a private class: no documentation comments.
    /// </summary>
    public static void EmitEntryMembers(SourceWriter writer, OperationModel operation)
    {
        string record = "Messages." + operation.Names.Record;
        EquatableArray<ParameterModel> parameters = operation.Handler.Parameters;
        writer.Line();
        writer.OpenBlock($"protected override void WriteMessageJson({Json}.Utf8JsonWriter writer, {record} message, {Json}.JsonSerializerOptions options)");
        writer.Line("writer.WriteStartObject();");
        foreach (ParameterModel parameter in parameters)
        {
            // The type argument is inferred from the property, except from a dynamic one: it is written out, and the
            // value passed as an object (Code.Static), so the call is bound at compile time (no RuntimeBinder).
            string typeArgument = parameter.Type is "dynamic" or "dynamic?" ? $"<{parameter.Type}>" : "";
            writer.Line($"WriteProperty{typeArgument}(writer, {Code.Literal(JsonName(parameter))}, {Code.Static(parameter.Type, "message." + parameter.PropertyName)}, options);");
        }

        writer.Line("writer.WriteEndObject();");
        writer.CloseBlock();
        writer.Line();
        writer.OpenBlock($"protected override {record} ReadMessageJson(ref {Json}.Utf8JsonReader reader, {Json}.JsonSerializerOptions options)");
        EmitReader(writer, record, parameters);
        writer.CloseBlock();
    }

    /// <summary>Locals are numbered, never named after parameters, so no parameter name can clash with them.</summary>
    private static void EmitReader(SourceWriter writer, string record, EquatableArray<ParameterModel> parameters)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            bool optional = IsOptional(parameters[i]);
            writer.Line($"{parameters[i].Type} value{i} = {(optional ? "default" : "default!")};");
            if (!optional)
            {
                writer.Line($"bool seen{i} = false;");
            }
        }

        if (parameters.Count > 0)
        {
            writer.Line();
        }

        writer.Line("ReadStartObject(ref reader);");
        writer.OpenBlock("while (ReadPropertyName(ref reader, out string property))");
        for (int i = 0; i < parameters.Count; i++)
        {
            ParameterModel parameter = parameters[i];
            bool optional = IsOptional(parameter);
            writer.OpenBlock($"{(i == 0 ? "" : "else ")}if (IsProperty(property, {Code.Literal(JsonName(parameter))}, {Code.Literal(parameter.PropertyName)}))");
            writer.Line($"value{i} = ReadValue<{parameter.Type}>(ref reader, options, {Code.Literal(JsonName(parameter))}, allowNull: {(optional ? "true" : "false")}){(optional ? "" : "!")};");
            if (!optional)
            {
                writer.Line($"seen{i} = true;");
            }

            writer.CloseBlock();
        }

        if (parameters.Count == 0)
        {
            writer.Line("reader.Skip();");
        }
        else
        {
            writer.OpenBlock("else");
            writer.Line("reader.Skip();");
            writer.CloseBlock();
        }

        writer.CloseBlock();
        writer.Line();
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!IsOptional(parameters[i]))
            {
                writer.Line($"RequireProperty(seen{i}, {Code.Literal(JsonName(parameters[i]))});");
            }
        }

        string arguments = string.Join(", ", Enumerable.Range(0, parameters.Count).Select(i => Code.Static(parameters[i].Type, $"value{i}")));
        writer.Line($"return new {record}({arguments});");
    }

    /// <summary>A nullable parameter may be left out of the JSON object, or be null.</summary>
    private static bool IsOptional(ParameterModel parameter) => parameter.Type.EndsWith("?", System.StringComparison.Ordinal);

    /// <summary>The JSON name: the handler parameter's name with a lower-case first letter (either case is read).</summary>
    public static string JsonName(ParameterModel parameter) =>
        parameter.Name.Length == 0 || char.IsLower(parameter.Name[0])
            ? parameter.Name
            : char.ToLowerInvariant(parameter.Name[0]) + parameter.Name.Substring(1);
}
