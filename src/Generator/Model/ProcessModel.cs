using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>Everything the emitter needs to write one process, as plain values (no symbols, no syntax).</summary>
/// <param name="Hierarchy">Where the generated code goes: namespace, containing types, class name and file names.</param>
/// <param name="FullyQualifiedName">The class's <c>global::</c> name.</param>
/// <param name="ProtocolName">The name on the wire.</param>
/// <param name="Accessibility">The accessibility of the generated types and entry points.</param>
/// <param name="Operations">The valid operations, in declaration order.</param>
/// <param name="Timeouts">The valid timeout handlers.</param>
/// <param name="Starters">The operations that get a <c>StartAsync</c> overload.</param>
/// <param name="OmittedMembers">Generated members the user already declares, which are therefore left out.</param>
/// <param name="HasParameterlessConstructor">Whether the runtime can create the process with <c>new()</c>.</param>
/// <param name="ServiceParameters">Otherwise, the constructor parameters the factory takes from the host's services.</param>
/// <param name="Settings">The reliability settings of <c>[SessionProcess(...)]</c>.</param>
/// <param name="FaultHandler">The <c>[OnFault]</c> method, if any.</param>
/// <param name="IdleHandler">The <c>[OnIdle]</c> method, if any.</param>
/// <param name="Protocol">The protocol states, if the process declares them.</param>
/// <param name="Durable">What the process stores, when it is <c>[SessionProcess(Durable = true)]</c>; else null.</param>
/// <param name="ParticipantLeftHandler">The <c>[OnParticipantLeft]</c> method, if any.</param>
internal sealed record ProcessModel(
    HierarchyModel Hierarchy,
    string FullyQualifiedName,
    string ProtocolName,
    GeneratedAccessibility Accessibility,
    EquatableArray<OperationModel> Operations,
    EquatableArray<TimeoutModel> Timeouts,
    EquatableArray<string> Starters,
    EquatableArray<string> OmittedMembers,
    bool HasParameterlessConstructor,
    EquatableArray<ServiceParameterModel> ServiceParameters,
    SettingsModel Settings,
    LifecycleHandlerModel? FaultHandler,
    LifecycleHandlerModel? IdleHandler,
    ProtocolModel? Protocol,
    DurableModel? Durable = null,
    LifecycleHandlerModel? ParticipantLeftHandler = null)
{
    /// <summary>Whether any operation carries correlation keys (the process then gets <c>Correlate</c> and <c>CorrelateNew</c>).</summary>
    public bool UsesCorrelation
    {
        get
        {
            foreach (OperationModel operation in Operations)
            {
                if (operation.Correlation.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
