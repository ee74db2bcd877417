namespace SessionGen.Generator.Model;

/// <summary>A handler's place in the protocol, as masks over the states' declaration order.</summary>
/// <param name="AcceptedStates">The states it is accepted in (all bits when it declares none).</param>
/// <param name="TargetStates">The states it may move to.</param>
internal sealed record TransitionsModel(ulong AcceptedStates, ulong TargetStates)
{
    public const ulong AnyState = ulong.MaxValue;

    public static TransitionsModel Unrestricted { get; } = new(AnyState, 0);

    public bool IsUnrestricted => this == Unrestricted;
}
