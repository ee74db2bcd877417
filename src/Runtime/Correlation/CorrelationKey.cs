namespace SessionGen;

/// <summary>The values of one correlation set, which identify at most one session of a host.</summary>
/// <param name="Set">The correlation set's name.</param>
/// <param name="Value">The set's parts, combined in the set's order (by <see cref="Infrastructure.CorrelationKeyParts"/> in generated code).</param>
public readonly record struct CorrelationKey(string Set, string Value)
{
    /// <summary>The key as people read it: <c>person=(Ann, Smith)</c>.</summary>
    public override string ToString() => $"{Set}=({Value.Replace(Infrastructure.CorrelationKeyParts.Separator.ToString(), ", ", StringComparison.Ordinal)})";
}
