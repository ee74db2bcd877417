using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>A handler method as the emitter calls it.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="Parameters">The parameters, without the trailing <see cref="System.Threading.CancellationToken"/> and the caller.</param>
/// <param name="TakesCancellationToken">Whether the method's last parameter is a <c>CancellationToken</c>.</param>
/// <param name="ReturnKind">How the method returns.</param>
/// <param name="ResultType">The result type for <see cref="ReturnKind.Value"/>, <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>; else null.</param>
/// <param name="Accessibility">The widest accessibility its parameter and result types allow the generated code that mentions them.</param>
/// <param name="Caller">Its <c>SessionCaller</c> parameter, or null when it takes none.</param>
internal sealed record HandlerModel(
    string MethodName,
    EquatableArray<ParameterModel> Parameters,
    bool TakesCancellationToken,
    ReturnKind ReturnKind,
    string? ResultType,
    GeneratedAccessibility Accessibility,
    CallerParameterModel? Caller = null);
