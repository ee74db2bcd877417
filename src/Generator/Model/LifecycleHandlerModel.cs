namespace SessionGen.Generator.Model;

/// <summary>An <c>[OnFault]</c>, <c>[OnIdle]</c> or <c>[OnParticipantLeft]</c> method.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="TakesFault">Whether it takes the <c>SessionFaultedException</c>.</param>
/// <param name="ReturnKind">Void, Task or ValueTask.</param>
internal sealed record LifecycleHandlerModel(string MethodName, bool TakesFault, ReturnKind ReturnKind);
