using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// For projects that reference SessionGen.AspNetCore: a second file per process that implements its
/// <c>ISessionHttpProcess</c>, with one JSON reader per operation that builds the message record from a JSON
/// object. System.Text.Json's own source generator cannot see the records this generator makes (generators
/// do not see each other's output), so this code reads the object itself and hands every property value to
/// System.Text.Json with the <c>JsonTypeInfo</c> of the parameter's type, taken from the application's
/// serializer options (a source-generated <c>JsonSerializerContext</c> under Native AOT).
/// </summary>
internal static class JsonBindingEmitter
{
    /// <summary>The interface whose presence in the compilation turns this output on.</summary>
    public const string InterfaceMetadataName = "SessionGen.AspNetCore.Infrastructure.ISessionHttpProcess";

    private const string Http = "global::SessionGen.AspNetCore.Infrastructure";

    public static string Emit(ProcessModel process) =>
        HierarchyEmitter.Write(process.Hierarchy, $" : {Http}.ISessionHttpProcess", process, static (writer, process) => EmitBinding(writer, process));

    private static void EmitBinding(SourceWriter writer, ProcessModel process)
    {
        Code.MarkGenerated(writer);
        writer.Line($"static {Http}.SessionJsonBinding {Http}.ISessionHttpProcess.CreateJsonBinding() => new {Http}.SessionJsonBinding(");
        using (writer.Indented())
        {
            writer.Line("SessionDefinition.Instance,");
            writer.Line($"new {Http}.OperationJsonBinding[]");
            writer.Line("{");
            using (writer.Indented())
            {
                foreach (OperationModel operation in process.Operations)
                {
                    EmitOperation(writer, operation);
                }
            }

            writer.Line("});");
        }
    }

    private static void EmitOperation(SourceWriter writer, OperationModel operation)
    {
        EquatableArray<ParameterModel> parameters = operation.Handler.Parameters;
        string types = string.Join(", ", parameters.Select(static parameter => $"{Http}.OperationJsonBinding.TypeOf<{parameter.Type}>()"));
        string names = string.Join(", ", parameters.Select(static parameter => Code.Literal(JsonName(parameter))));
        writer.Line($"new {Http}.OperationJsonBinding(");
        using (writer.Indented())
        {
            writer.Line($"SessionDefinition.{operation.Names.Field},");
            writer.Line($"new global::System.Type[] {{ {types} }},");
            writer.Line($"new string[] {{ {names} }},");
            writer.Line("static (ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options) =>");
            writer.Line("{");
            using (writer.Indented())
            {
                EmitReader(writer, operation, parameters);
            }

            writer.Line("}),");
        }
    }

    /// <summary>Locals are numbered, never named after parameters, so no parameter name can clash with them.</summary>
    private static void EmitReader(SourceWriter writer, OperationModel operation, EquatableArray<ParameterModel> parameters)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            writer.Line($"{parameters[i].Type} value{i} = default!;");
            if (!IsOptional(parameters[i]))
            {
                writer.Line($"bool seen{i} = false;");
            }
        }

        writer.Line($"{Http}.JsonMessageReader.ReadStartObject(ref reader);");
        writer.Line($"while ({Http}.JsonMessageReader.ReadPropertyName(ref reader, out string property))");
        writer.Line("{");
        using (writer.Indented())
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                ParameterModel parameter = parameters[i];
                bool optional = IsOptional(parameter);
                writer.Line($"{(i == 0 ? "" : "else ")}if ({Http}.JsonMessageReader.Matches(property, {Code.Literal(JsonName(parameter))}, {Code.Literal(parameter.PropertyName)}))");
                writer.Line("{");
                using (writer.Indented())
                {
                    writer.Line($"value{i} = {Http}.JsonMessageReader.ReadValue<{parameter.Type}>(ref reader, options, {Code.Literal(JsonName(parameter))}, allowNull: {(optional ? "true" : "false")})!;");
                    if (!optional)
                    {
                        writer.Line($"seen{i} = true;");
                    }
                }

                writer.Line("}");
            }

            writer.Line(parameters.Count == 0 ? "reader.Skip();" : "else");
            if (parameters.Count > 0)
            {
                writer.Line("{");
                using (writer.Indented())
                {
                    writer.Line("reader.Skip();");
                }

                writer.Line("}");
            }
        }

        writer.Line("}");
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!IsOptional(parameters[i]))
            {
                writer.Line($"{Http}.JsonMessageReader.Require(seen{i}, {Code.Literal(JsonName(parameters[i]))});");
            }
        }

        string arguments = string.Join(", ", Enumerable.Range(0, parameters.Count).Select(static i => $"value{i}"));
        writer.Line($"return new Messages.{operation.Names.Record}({arguments});");
    }

    /// <summary>A nullable parameter may be left out of the JSON object, or be null.</summary>
    private static bool IsOptional(ParameterModel parameter) => parameter.Type.EndsWith("?", System.StringComparison.Ordinal);

    /// <summary>The JSON name: the handler parameter's name with a lower-case first letter (either case is accepted).</summary>
    private static string JsonName(ParameterModel parameter) =>
        parameter.Name.Length == 0 || char.IsLower(parameter.Name[0])
            ? parameter.Name
            : char.ToLowerInvariant(parameter.Name[0]) + parameter.Name.Substring(1);
}
