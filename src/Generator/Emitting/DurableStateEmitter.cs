using System.Linq;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// The members of a durable process (<c>[SessionProcess(Durable = true)]</c>): <c>IDurableProcess</c> on the class,
/// <c>IDurableTimeoutCall</c> on each timeout call, and <c>IsDurable</c>/<c>RestoreTimeout</c> on the definition. Every
/// method here writes nothing for a process that is not durable, so its output stays as it was.
/// </summary>
internal static class DurableStateEmitter
{
    private const string DurableProcess = "global::SessionGen.Infrastructure.IDurableProcess";
    private const string StateWriter = "global::SessionGen.Infrastructure.SessionStateWriter";
    private const string StateReader = "global::SessionGen.Infrastructure.SessionStateReader";

    /// <summary><c> : IDurableProcess</c> for the process's partial declaration, or nothing.</summary>
    public static string BaseList(ProcessModel process) =>
        process.Durable is null ? "" : " : " + DurableProcess;

    /// <summary>The interface a timeout call struct implements: <c>IDurableTimeoutCall&lt;P&gt;</c> in a durable process.</summary>
    public static string TimeoutCallInterface(ProcessModel process, string plainInterface) =>
        process.Durable is null ? plainInterface : $"global::SessionGen.Infrastructure.IDurableTimeoutCall<{process.FullyQualifiedName}>";

    /// <summary>The explicit <c>IDurableProcess.WriteState</c> and <c>ReadState</c>, one line per stored field.</summary>
    public static void EmitStateMembers(SourceWriter writer, ProcessModel process)
    {
        if (process.Durable is not { } durable)
        {
            return;
        }

        EquatableArray<StoredFieldModel> fields = durable.Fields;
        writer.Line();
        writer.Line("/// <summary>Writes this session's stored fields (every instance field not marked <c>[Transient]</c>), by name.</summary>");
        writer.Line(Code.GeneratedCode);
        writer.OpenBlock($"void {DurableProcess}.WriteState({StateWriter} state)");
        foreach (StoredFieldModel field in fields)
        {
            writer.Line($"state.Write<{field.Type}>({Code.Literal(field.Name)}, {Code.Static(field.Type, "this." + Code.Identifier(field.Name))});");
        }

        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>Sets each stored field that <paramref name=\"state\"/> holds; the others keep what the constructor gave them.</summary>");
        writer.Line(Code.GeneratedCode);
        writer.OpenBlock($"void {DurableProcess}.ReadState({StateReader} state)");
        if (fields.Any(static field => field.IsReadOnly))
        {
            writer.Line("// A readonly field can only be assigned in a constructor; this instance was built by the process's own");
            writer.Line("// constructor first (initializers included), so overwriting it here, through Unsafe.AsRef, is like");
            writer.Line("// that constructor having assigned the stored value. No reflection: Native AOT and trimming safe.");
        }

        for (int i = 0; i < fields.Count; i++)
        {
            StoredFieldModel field = fields[i];
            string value = "value" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string target = field.IsReadOnly
                ? $"global::System.Runtime.CompilerServices.Unsafe.AsRef(in this.{Code.Identifier(field.Name)})"
                : $"this.{Code.Identifier(field.Name)}";
            writer.OpenBlock($"if (state.TryRead<{field.Type}>({Code.Literal(field.Name)}, out var {value}))");
            writer.Line($"{target} = {value};");
            writer.CloseBlock();
        }

        writer.CloseBlock();
    }

    /// <summary>The timeout call's <c>Name</c> and <c>WriteArguments</c>, inside its struct, after its other members.</summary>
    public static void EmitTimeoutCallMembers(SourceWriter writer, ProcessModel process, TimeoutModel timeout, string[] fields)
    {
        if (process.Durable is null)
        {
            return;
        }

        string durableInterface = TimeoutCallInterface(process, "");
        writer.Line();
        writer.Line($"string {durableInterface}.Name => {Code.Literal(timeout.Name)};");
        writer.Line();
        writer.OpenBlock($"void {durableInterface}.WriteArguments({StateWriter} arguments)");
        for (int i = 0; i < fields.Length; i++)
        {
            ParameterModel parameter = timeout.Handler.Parameters[i];
            writer.Line($"arguments.Write<{parameter.Type}>({Code.Literal(parameter.Name)}, {Code.Static(parameter.Type, "this." + Code.Identifier(fields[i]))});");
        }

        writer.CloseBlock();
    }

    /// <summary>The definition's <c>IsDurable</c> and, when there are timeouts, <c>RestoreTimeout</c>.</summary>
    public static void EmitDefinitionMembers(SourceWriter writer, ProcessModel process)
    {
        if (process.Durable is null)
        {
            return;
        }

        writer.Line("/// <inheritdoc/>");
        writer.Line("public override bool IsDurable => true;");
        writer.Line();
        if (process.Durable.RegistersOnLoad)
        {
            // A restarted host wakes stored sessions by process name before any code has touched this class.
            writer.Line("/// <summary>Registers this durable process as its assembly loads, so a restarted host can wake its stored sessions.</summary>");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.Line("#pragma warning disable CA2255 // the generator's own registration, the attribute's intended use");
            writer.Line("internal static void RegisterDurableProcess() => global::SessionGen.Infrastructure.DurableProcessCatalog.Register(Instance);");
            writer.Line("#pragma warning restore CA2255");
            writer.Line();
        }

        if (process.Timeouts.Count == 0)
        {
            return;
        }

        writer.Line("/// <inheritdoc/>");
        writer.Line($"protected override global::SessionGen.TimeoutHandle RestoreTimeout(object process, string name, global::System.TimeSpan delay, {StateReader} arguments) => name switch");
        writer.Line("{");
        using (writer.Indented())
        {
            foreach (TimeoutModel timeout in process.Timeouts)
            {
                string reads = string.Concat(timeout.Handler.Parameters.Select(static parameter =>
                    $", {Code.Static(parameter.Type, $"arguments.Read<{parameter.Type}>({Code.Literal(parameter.Name)})")}"));
                writer.Line($"{Code.Literal(timeout.Name)} => (({process.FullyQualifiedName})process).{timeout.Names.ScheduleMethod}(delay{reads}),");
            }

            writer.Line("_ => throw arguments.UnknownTimeout(name),");
        }

        writer.Line("};");
        writer.Line();
    }
}
