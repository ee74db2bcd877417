using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>The process's protocol states: the enum and its members in declaration order (the first is initial).</summary>
/// <param name="EnumType">The states enum's fully qualified name.</param>
/// <param name="States">The members' names.</param>
/// <param name="FinalStates">The mask of members marked <c>[FinalState]</c>.</param>
/// <param name="MaskClass">The class of <c>SessionDefinition</c> whose constants name each state's bit.</param>
internal sealed record ProtocolModel(string EnumType, EquatableArray<string> States, ulong FinalStates, string MaskClass);
