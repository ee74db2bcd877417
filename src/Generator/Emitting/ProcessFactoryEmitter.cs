using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Emitting;

/// <summary>
/// The body of <c>CreateProcess</c> for a process without a parameterless constructor: each constructor
/// parameter comes from the host's <c>IServiceProvider</c> through <c>GetService(typeof(T))</c> (no reflection,
/// so trimming- and AOT-safe), and a missing required service fails with a message that names it.
/// </summary>
internal static class ProcessFactoryEmitter
{
    public static void EmitServiceConstruction(SourceWriter writer, ProcessModel process)
    {
        if (process.ServiceParameters.Count == 0)
        {
            // No constructor whose parameters can be services: the analyzers explain it; every start fails.
            writer.Line($"throw new global::System.InvalidOperationException({Code.Literal($"Process '{process.Hierarchy.ClassName}' has no constructor the runtime can call.")});");
            return;
        }

        writer.Line("global::System.IServiceProvider? services = context.Host.Services;");
        writer.Line($"var process = new {process.FullyQualifiedName}(");
        using (writer.Indented())
        {
            for (int i = 0; i < process.ServiceParameters.Count; i++)
            {
                ServiceParameterModel parameter = process.ServiceParameters[i];
                string separator = i == process.ServiceParameters.Count - 1 ? ");" : ",";
                writer.Line(Resolution(process, parameter) + separator);
            }
        }

        writer.Line("process.sessionContext = context;");
        writer.Line("return process;");
    }

    private static string Resolution(ProcessModel process, ServiceParameterModel parameter) =>
        parameter.Fallback is { } fallback
            ? $"global::SessionGen.Infrastructure.ProcessServices.Optional<{parameter.Type}>(services, {fallback})"
            : $"global::SessionGen.Infrastructure.ProcessServices.Required<{parameter.Type}>(services, {Code.Literal(process.Hierarchy.ClassName)}, {Code.Literal(parameter.Name)})";
}
