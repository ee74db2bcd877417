namespace SessionGen.Generator.Model;

/// <summary>A handler's <c>SessionCaller</c> parameter: filled from the message's caller, never part of the message.</summary>
/// <param name="Position">Its index among the method's parameters (the call passes the caller there).</param>
/// <param name="Required">True for <c>SessionCaller</c> (a message without a caller is refused); false for <c>SessionCaller?</c>.</param>
internal sealed record CallerParameterModel(int Position, bool Required);
